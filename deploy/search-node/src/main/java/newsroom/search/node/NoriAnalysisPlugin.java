package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanNumberFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the official {@code analysis-nori} plugin (Korean), on Lucene's lucene-analysis-nori,
 * with the same names and settings.
 */
public class NoriAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("nori_tokenizer", (idx, env, name, s) -> {
            KoreanTokenizer.DecompoundMode mode = decompoundMode(s);
            UserDictionary dictionary = userDictionary(env, s);
            boolean discardPunctuation = s.getAsBoolean("discard_punctuation", true);
            return Factories.tokenizer(name, () -> new KoreanTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary, mode, false, discardPunctuation
            ));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new HashMap<>();
        f.put("nori_part_of_speech", (idx, env, name, s) -> {
            Set<POS.Tag> tags = stopTags(env, s);
            return Factories.filter(name, false, ts -> new KoreanPartOfSpeechStopFilter(ts, tags));
        });
        f.put("nori_readingform", (idx, env, name, s) -> Factories.filter(name, false, KoreanReadingFormFilter::new));
        f.put("nori_number", (idx, env, name, s) -> Factories.filter(name, false, KoreanNumberFilter::new));
        return f;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("nori", (idx, env, name, s) -> Factories.analyzer(name, s,
            new KoreanAnalyzer(userDictionary(env, s), decompoundMode(s), stopTags(env, s), false)));
    }

    static KoreanTokenizer.DecompoundMode decompoundMode(Settings s) {
        return KoreanTokenizer.DecompoundMode.valueOf(
            s.get("decompound_mode", KoreanTokenizer.DEFAULT_DECOMPOUND.name()).toUpperCase(Locale.ENGLISH)
        );
    }

    static Set<POS.Tag> stopTags(Environment env, Settings s) {
        List<String> tags = Analysis.getWordList(env, s, "stoptags");
        if (tags == null) {
            return KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS;
        }
        Set<POS.Tag> resolved = new HashSet<>();
        for (String tag : tags) {
            resolved.add(POS.resolveTag(tag));
        }
        return resolved;
    }

    /** {@code user_dictionary} (a file in the config directory) or inline {@code user_dictionary_rules}. */
    static UserDictionary userDictionary(Environment env, Settings s) {
        String rules = Factories.userDictionaryRules(env, s, true);
        if (rules == null) {
            return null;
        }
        try {
            return UserDictionary.open(new StringReader(rules));
        } catch (IOException e) {
            throw new UncheckedIOException("failed to load nori user dictionary", e);
        }
    }
}
