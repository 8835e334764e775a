package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.br.BrazilianAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.SimpleAnalyzer;
import org.apache.lucene.analysis.core.StopAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.FingerprintFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The analyzers of upstream's analysis-common: the language analyzers are Lucene's own
 * ({@code french} is Lucene's FrenchAnalyzer: elision, lowercase, stop, French light stemmer), used
 * as-is when named and built with {@code stopwords} / {@code stem_exclusion} when declared with a
 * {@code type}; plus {@code stop}, {@code simple}, {@code whitespace}, {@code keyword},
 * {@code pattern}, {@code fingerprint}, {@code snowball}.
 */
final class LanguageAnalyzers {

    private LanguageAnalyzers() {}

    private record Language(
        String name,
        Supplier<Analyzer> preBuilt,
        Supplier<CharArraySet> defaultStopWords,
        BiFunction<CharArraySet, CharArraySet, Analyzer> withStopWordsAndStemExclusion
    ) {}

    private static Language lang(
        String name,
        Supplier<Analyzer> preBuilt,
        Supplier<CharArraySet> stop,
        BiFunction<CharArraySet, CharArraySet, Analyzer> configured
    ) {
        return new Language(name, preBuilt, stop, configured);
    }

    /** Languages whose Lucene analyzer takes no stem exclusion set. */
    private static Language langNoStemExclusion(
        String name,
        Supplier<Analyzer> preBuilt,
        Supplier<CharArraySet> stop,
        Function<CharArraySet, Analyzer> configured
    ) {
        return new Language(name, preBuilt, stop, (stopWords, stemExclusion) -> configured.apply(stopWords));
    }

    private static final List<Language> LANGUAGES = List.of(
        lang("arabic", ArabicAnalyzer::new, ArabicAnalyzer::getDefaultStopSet, ArabicAnalyzer::new),
        lang("armenian", ArmenianAnalyzer::new, ArmenianAnalyzer::getDefaultStopSet, ArmenianAnalyzer::new),
        lang("basque", BasqueAnalyzer::new, BasqueAnalyzer::getDefaultStopSet, BasqueAnalyzer::new),
        lang("bengali", BengaliAnalyzer::new, BengaliAnalyzer::getDefaultStopSet, BengaliAnalyzer::new),
        lang("brazilian", BrazilianAnalyzer::new, BrazilianAnalyzer::getDefaultStopSet, BrazilianAnalyzer::new),
        lang("bulgarian", BulgarianAnalyzer::new, BulgarianAnalyzer::getDefaultStopSet, BulgarianAnalyzer::new),
        lang("catalan", CatalanAnalyzer::new, CatalanAnalyzer::getDefaultStopSet, CatalanAnalyzer::new),
        langNoStemExclusion("cjk", CJKAnalyzer::new, CJKAnalyzer::getDefaultStopSet, CJKAnalyzer::new),
        lang("czech", CzechAnalyzer::new, CzechAnalyzer::getDefaultStopSet, CzechAnalyzer::new),
        lang("danish", DanishAnalyzer::new, DanishAnalyzer::getDefaultStopSet, DanishAnalyzer::new),
        lang("dutch", DutchAnalyzer::new, DutchAnalyzer::getDefaultStopSet, DutchAnalyzer::new),
        lang("english", EnglishAnalyzer::new, EnglishAnalyzer::getDefaultStopSet, EnglishAnalyzer::new),
        lang("estonian", EstonianAnalyzer::new, EstonianAnalyzer::getDefaultStopSet, EstonianAnalyzer::new),
        lang("finnish", FinnishAnalyzer::new, FinnishAnalyzer::getDefaultStopSet, FinnishAnalyzer::new),
        lang("french", FrenchAnalyzer::new, FrenchAnalyzer::getDefaultStopSet, FrenchAnalyzer::new),
        lang("galician", GalicianAnalyzer::new, GalicianAnalyzer::getDefaultStopSet, GalicianAnalyzer::new),
        lang("german", GermanAnalyzer::new, GermanAnalyzer::getDefaultStopSet, GermanAnalyzer::new),
        langNoStemExclusion("greek", GreekAnalyzer::new, GreekAnalyzer::getDefaultStopSet, GreekAnalyzer::new),
        lang("hindi", HindiAnalyzer::new, HindiAnalyzer::getDefaultStopSet, HindiAnalyzer::new),
        lang("hungarian", HungarianAnalyzer::new, HungarianAnalyzer::getDefaultStopSet, HungarianAnalyzer::new),
        lang("indonesian", IndonesianAnalyzer::new, IndonesianAnalyzer::getDefaultStopSet, IndonesianAnalyzer::new),
        lang("irish", IrishAnalyzer::new, IrishAnalyzer::getDefaultStopSet, IrishAnalyzer::new),
        lang("italian", ItalianAnalyzer::new, ItalianAnalyzer::getDefaultStopSet, ItalianAnalyzer::new),
        lang("latvian", LatvianAnalyzer::new, LatvianAnalyzer::getDefaultStopSet, LatvianAnalyzer::new),
        lang("lithuanian", LithuanianAnalyzer::new, LithuanianAnalyzer::getDefaultStopSet, LithuanianAnalyzer::new),
        lang("norwegian", NorwegianAnalyzer::new, NorwegianAnalyzer::getDefaultStopSet, NorwegianAnalyzer::new),
        langNoStemExclusion("persian", PersianAnalyzer::new, PersianAnalyzer::getDefaultStopSet, PersianAnalyzer::new),
        lang("portuguese", PortugueseAnalyzer::new, PortugueseAnalyzer::getDefaultStopSet, PortugueseAnalyzer::new),
        lang("romanian", RomanianAnalyzer::new, RomanianAnalyzer::getDefaultStopSet, RomanianAnalyzer::new),
        lang("russian", RussianAnalyzer::new, RussianAnalyzer::getDefaultStopSet, RussianAnalyzer::new),
        lang("sorani", SoraniAnalyzer::new, SoraniAnalyzer::getDefaultStopSet, SoraniAnalyzer::new),
        lang("spanish", SpanishAnalyzer::new, SpanishAnalyzer::getDefaultStopSet, SpanishAnalyzer::new),
        lang("swedish", SwedishAnalyzer::new, SwedishAnalyzer::getDefaultStopSet, SwedishAnalyzer::new),
        lang("turkish", TurkishAnalyzer::new, TurkishAnalyzer::getDefaultStopSet, TurkishAnalyzer::new),
        langNoStemExclusion("thai", ThaiAnalyzer::new, ThaiAnalyzer::getDefaultStopSet, ThaiAnalyzer::new)
    );

    /** The analyzer types (usable as {@code "type": "french"} with settings, and by name). */
    static Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> configurable() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        for (Language language : LANGUAGES) {
            analyzers.put(language.name(), (idx, env, name, s) -> Factories.analyzer(name, s, language.withStopWordsAndStemExclusion().apply(
                Analysis.parseStopWords(env, s, language.defaultStopWords().get()),
                Analysis.parseStemExclusion(s, CharArraySet.EMPTY_SET)
            )));
        }
        // Upstream keeps "chinese" for old indices only, as a standard analyzer with English stop words.
        analyzers.put("chinese", (idx, env, name, s) -> Factories.analyzer(name, s, new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)));
        analyzers.put("keyword", (idx, env, name, s) -> Factories.analyzer(name, s, new KeywordAnalyzer()));
        analyzers.put("simple", (idx, env, name, s) -> Factories.analyzer(name, s, new SimpleAnalyzer()));
        analyzers.put("whitespace", (idx, env, name, s) -> Factories.analyzer(name, s, new WhitespaceAnalyzer()));
        analyzers.put("stop", (idx, env, name, s) -> Factories.analyzer(name, s,
            new StopAnalyzer(Analysis.parseStopWords(env, s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET))));
        analyzers.put("pattern", (idx, env, name, s) -> {
            String pattern = s.get("pattern", "\\W+");
            return Factories.analyzer(name, s, pattern(
                Regex.compile(pattern, s.get("flags")),
                s.getAsBoolean("lowercase", true),
                Analysis.parseStopWords(env, s, CharArraySet.EMPTY_SET)
            ));
        });
        analyzers.put("fingerprint", (idx, env, name, s) -> {
            String separator = s.get("separator", " ");
            if (separator.length() > 1) {
                throw new IllegalArgumentException("Setting [separator] must be a single, non-null character. [" + separator + "] was provided.");
            }
            char sep = separator.isEmpty() ? ' ' : separator.charAt(0);
            int maxOutputSize = s.getAsInt("max_output_size", 255);
            CharArraySet stopWords = Analysis.parseStopWords(env, s, CharArraySet.EMPTY_SET);
            return Factories.analyzer(name, s, new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String field) {
                    Tokenizer source = new StandardTokenizer();
                    TokenStream stream = new LowerCaseFilter(source);
                    stream = new ASCIIFoldingFilter(stream, false);
                    stream = new StopFilter(stream, stopWords);
                    stream = new FingerprintFilter(stream, maxOutputSize, sep);
                    return new TokenStreamComponents(source, stream);
                }
            });
        });
        analyzers.put("snowball", (idx, env, name, s) -> snowballProvider(env, name, s));
        return analyzers;
    }

    /** The same language analyzers, pre-built with their defaults, as upstream registers them. */
    static List<PreBuiltAnalyzerProviderFactory> preBuilt() {
        List<PreBuiltAnalyzerProviderFactory> analyzers = new ArrayList<>();
        for (Language language : LANGUAGES) {
            analyzers.add(new PreBuiltAnalyzerProviderFactory(language.name(), CachingStrategy.LUCENE, language.preBuilt()));
        }
        analyzers.add(new PreBuiltAnalyzerProviderFactory("chinese", CachingStrategy.ONE,
            () -> new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)));
        return analyzers;
    }

    /** Upstream's pattern analyzer: a pattern tokenizer, optionally lowercased, then stop words. */
    static Analyzer pattern(Pattern pattern, boolean lowercase, CharArraySet stopWords) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new PatternTokenizer(pattern, -1);
                TokenStream stream = lowercase ? new LowerCaseFilter(source) : source;
                stream = new StopFilter(stream, stopWords);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return lowercase ? new LowerCaseFilter(in) : in;
            }
        };
    }

    private static final Map<String, CharArraySet> SNOWBALL_DEFAULT_STOP_WORDS = Map.of(
        "English", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
        "Dutch", DutchAnalyzer.getDefaultStopSet(),
        "German", GermanAnalyzer.getDefaultStopSet()
    );

    private static AnalyzerProvider<? extends Analyzer> snowballProvider(Environment env, String name, Settings s) {
        String language = s.get("language", s.get("name", "English"));
        CharArraySet stopWords = Analysis.parseStopWords(env, s, SNOWBALL_DEFAULT_STOP_WORDS.getOrDefault(language, CharArraySet.EMPTY_SET));
        return Factories.analyzer(name, s, snowball(language, stopWords));
    }

    /** Upstream's (deprecated) snowball analyzer. */
    static Analyzer snowball(String language, CharArraySet stopWords) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = source;
                if (language.equals("English") || language.equals("Porter") || language.equals("Lovins")) {
                    stream = new EnglishPossessiveFilter(stream);
                }
                stream = language.equals("Turkish") ? new TurkishLowerCaseFilter(stream) : new LowerCaseFilter(stream);
                if (stopWords != null) {
                    stream = new StopFilter(stream, stopWords);
                }
                stream = new SnowballFilter(stream, language);
                return new TokenStreamComponents(source, stream);
            }
        };
    }
}
