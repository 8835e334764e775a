package newsroom.search.node;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.RuleBasedBreakIterator;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizerConfig;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stands in for the official {@code analysis-icu} plugin: {@code icu_normalizer} (char and token
 * filter), {@code icu_folding}, {@code icu_transform}, {@code icu_tokenizer}, {@code icu_analyzer},
 * on Lucene's lucene-analysis-icu. Not provided: {@code icu_collation} and the
 * {@code icu_collation_keyword} field type.
 */
public class IcuAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** The normalizer behind Lucene's ICUFoldingFilter (UTR#30 foldings), so that unicode_set_filter can wrap it. */
    private static final Normalizer2 FOLDING = Normalizer2.getInstance(
        ICUFoldingFilter.class.getResourceAsStream("utr30.nrm"), "utr30", Normalizer2.Mode.COMPOSE
    );

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("icu_normalizer", (idx, env, name, s) -> {
            String mode = s.get("mode");
            if ("compose".equals(mode) == false && "decompose".equals(mode) == false) {
                mode = "compose";
            }
            Normalizer2 normalizer = normalizer(s.get("name", "nfkc_cf"), mode, s);
            return Factories.charFilter(name, true, reader -> new ICUNormalizer2CharFilter(reader, normalizer));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new HashMap<>();
        filters.put("icu_normalizer", (idx, env, name, s) -> {
            Normalizer2 normalizer = normalizer(s.get("name", "nfkc_cf"), "compose", s);
            return Factories.filter(name, true, ts -> new ICUNormalizer2Filter(ts, normalizer));
        });
        filters.put("icu_folding", (idx, env, name, s) -> {
            Normalizer2 normalizer = withUnicodeSetFilter(FOLDING, s);
            return Factories.filter(name, true, ts -> new ICUNormalizer2Filter(ts, normalizer));
        });
        filters.put("icu_transform", (idx, env, name, s) -> {
            String id = s.get("id", "Null");
            int dir = "forward".equals(s.get("dir", "forward")) ? Transliterator.FORWARD : Transliterator.REVERSE;
            Transliterator transliterator = Transliterator.getInstance(id, dir);
            return Factories.filter(name, true, ts -> new ICUTransformFilter(ts, transliterator));
        });
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("icu_tokenizer", (idx, env, name, s) -> {
            ICUTokenizerConfig config = tokenizerConfig(env, s);
            return Factories.tokenizer(name, () -> config == null ? new ICUTokenizer() : new ICUTokenizer(config));
        });
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("icu_analyzer", (idx, env, name, s) -> {
            String mode = s.get("mode", "compose");
            if ("compose".equals(mode) == false && "decompose".equals(mode) == false) {
                throw new IllegalArgumentException("Unknown mode [" + mode + "] in analyzer [" + name + "], expected one of [compose, decompose]");
            }
            Normalizer2 normalizer = normalizer(s.get("method", "nfkc_cf"), mode, s);
            // icu_normalizer char filter, icu_tokenizer, icu_folding token filter.
            return Factories.analyzer(name, s, new Analyzer() {
                @Override
                protected Reader initReader(String field, Reader reader) {
                    return new ICUNormalizer2CharFilter(reader, normalizer);
                }

                @Override
                protected TokenStreamComponents createComponents(String field) {
                    Tokenizer source = new ICUTokenizer();
                    return new TokenStreamComponents(source, new ICUFoldingFilter(source));
                }
            });
        });
    }

    private static Normalizer2 normalizer(String name, String mode, Settings s) {
        Normalizer2 normalizer = Normalizer2.getInstance(null, name, "compose".equals(mode) ? Normalizer2.Mode.COMPOSE : Normalizer2.Mode.DECOMPOSE);
        return withUnicodeSetFilter(normalizer, s);
    }

    private static Normalizer2 withUnicodeSetFilter(Normalizer2 normalizer, Settings s) {
        String filter = s.get("unicode_set_filter");
        if (filter == null) {
            return normalizer;
        }
        UnicodeSet set = new UnicodeSet(filter);
        set.freeze();
        return new FilteredNormalizer2(normalizer, set);
    }

    /** {@code rule_files}: "Latn:my-rules.rbbi,..." files in the node's config directory, as upstream. */
    private static ICUTokenizerConfig tokenizerConfig(Environment env, Settings s) {
        List<String> ruleFiles = s.getAsList("rule_files");
        if (ruleFiles.isEmpty()) {
            return null;
        }
        BreakIterator[] breakers = new BreakIterator[UScript.CODE_LIMIT];
        for (String entry : ruleFiles) {
            int colon = entry.indexOf(':');
            if (colon == -1 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("rule_files should contain comma-separated \"code:rulefile\" pairs");
            }
            int script = UCharacter.getPropertyValueEnum(UProperty.SCRIPT, entry.substring(0, colon).trim());
            try {
                String rules = Files.readAllLines(env.configDir().resolve(entry.substring(colon + 1).trim()))
                    .stream()
                    .filter(line -> line.startsWith("#") == false)
                    .collect(Collectors.joining("\n"));
                breakers[script] = new RuleBasedBreakIterator(rules);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to load ICU rule files", e);
            }
        }
        return new DefaultICUTokenizerConfig(true, true) {
            @Override
            public RuleBasedBreakIterator getBreakIterator(int script) {
                return breakers[script] != null ? (RuleBasedBreakIterator) breakers[script].clone() : super.getBreakIterator(script);
            }
        };
    }
}
