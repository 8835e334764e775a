package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseCompletionAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseCompletionFilter;
import org.apache.lucene.analysis.ja.JapaneseHiraganaUppercaseFilter;
import org.apache.lucene.analysis.ja.JapaneseIterationMarkCharFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaUppercaseFilter;
import org.apache.lucene.analysis.ja.JapaneseNumberFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.search.suggest.analyzing.SuggestStopFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
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
 * Stands in for the official {@code analysis-kuromoji} plugin (Japanese), on Lucene's
 * lucene-analysis-kuromoji, with the same names and settings.
 */
public class KuromojiAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("kuromoji_iteration_mark", (idx, env, name, s) -> {
            boolean kanji = s.getAsBoolean("normalize_kanji", JapaneseIterationMarkCharFilter.NORMALIZE_KANJI_DEFAULT);
            boolean kana = s.getAsBoolean("normalize_kana", JapaneseIterationMarkCharFilter.NORMALIZE_KANA_DEFAULT);
            return Factories.charFilter(name, true, reader -> new JapaneseIterationMarkCharFilter(reader, kanji, kana));
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("kuromoji_tokenizer", (idx, env, name, s) -> {
            JapaneseTokenizer.Mode mode = mode(s);
            UserDictionary dictionary = userDictionary(env, s);
            boolean discardPunctuation = s.getAsBoolean("discard_punctuation", true);
            boolean discardCompound = s.getAsBoolean("discard_compound_token", false);
            int nBestCost = s.getAsInt("nbest_cost", -1);
            String nBestExamples = s.get("nbest_examples");
            return Factories.tokenizer(name, () -> {
                JapaneseTokenizer tokenizer = new JapaneseTokenizer(dictionary, discardPunctuation, discardCompound, mode);
                int cost = nBestCost;
                if (nBestExamples != null) {
                    cost = Math.max(cost, tokenizer.calcNBestCost(nBestExamples));
                }
                tokenizer.setNBestCost(cost);
                return tokenizer;
            });
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new HashMap<>();
        f.put("kuromoji_baseform", (idx, env, name, s) -> Factories.filter(name, false, JapaneseBaseFormFilter::new));
        f.put("kuromoji_part_of_speech", (idx, env, name, s) -> {
            List<String> tags = Analysis.getWordList(env, s, "stoptags");
            Set<String> stopTags = new HashSet<>(tags != null ? tags : JapaneseAnalyzer.getDefaultStopTags());
            return Factories.filter(name, false, ts -> new JapanesePartOfSpeechStopFilter(ts, stopTags));
        });
        f.put("kuromoji_readingform", (idx, env, name, s) -> {
            boolean romaji = s.getAsBoolean("use_romaji", false);
            return Factories.filter(name, false, ts -> new JapaneseReadingFormFilter(ts, romaji));
        });
        f.put("kuromoji_stemmer", (idx, env, name, s) -> {
            int minimumLength = s.getAsInt("minimum_length", JapaneseKatakanaStemFilter.DEFAULT_MINIMUM_LENGTH);
            return Factories.filter(name, false, ts -> new JapaneseKatakanaStemFilter(ts, minimumLength));
        });
        f.put("ja_stop", (idx, env, name, s) -> {
            boolean ignoreCase = s.getAsBoolean("ignore_case", false);
            boolean removeTrailing = s.getAsBoolean("remove_trailing", true);
            CharArraySet stopWords = Analysis.parseWords(
                env, s, "stopwords", JapaneseAnalyzer.getDefaultStopSet(), Map.of("_japanese_", JapaneseAnalyzer.getDefaultStopSet()), ignoreCase
            );
            return Factories.filter(name, false, ts -> removeTrailing ? new StopFilter(ts, stopWords) : new SuggestStopFilter(ts, stopWords));
        });
        f.put("kuromoji_number", (idx, env, name, s) -> Factories.filter(name, false, JapaneseNumberFilter::new));
        f.put("hiragana_uppercase", (idx, env, name, s) -> Factories.filter(name, false, JapaneseHiraganaUppercaseFilter::new));
        f.put("katakana_uppercase", (idx, env, name, s) -> Factories.filter(name, false, JapaneseKatakanaUppercaseFilter::new));
        f.put("kuromoji_completion", (idx, env, name, s) -> {
            JapaneseCompletionFilter.Mode mode = completionMode(s);
            return Factories.filter(name, false, ts -> new JapaneseCompletionFilter(ts, mode));
        });
        return f;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> a = new HashMap<>();
        a.put("kuromoji", (idx, env, name, s) -> {
            CharArraySet stopWords = Analysis.parseStopWords(env, s, JapaneseAnalyzer.getDefaultStopSet());
            return Factories.analyzer(name, s, new JapaneseAnalyzer(
                userDictionary(env, s), mode(s), CharArraySet.copy(stopWords), JapaneseAnalyzer.getDefaultStopTags()
            ));
        });
        a.put("kuromoji_completion", (idx, env, name, s) ->
            Factories.analyzer(name, s, new JapaneseCompletionAnalyzer(userDictionary(env, s), completionMode(s))));
        return a;
    }

    static JapaneseTokenizer.Mode mode(Settings s) {
        return JapaneseTokenizer.Mode.valueOf(s.get("mode", JapaneseTokenizer.DEFAULT_MODE.name()).toUpperCase(Locale.ENGLISH));
    }

    static JapaneseCompletionFilter.Mode completionMode(Settings s) {
        return JapaneseCompletionFilter.Mode.valueOf(s.get("mode", JapaneseCompletionFilter.DEFAULT_MODE.name()).toUpperCase(Locale.ENGLISH));
    }

    /** {@code user_dictionary} (a file in the config directory) or inline {@code user_dictionary_rules}, as upstream. */
    static UserDictionary userDictionary(Environment env, Settings s) {
        String rules = Factories.userDictionaryRules(env, s, false);
        if (rules == null) {
            return null;
        }
        try {
            return UserDictionary.open(new StringReader(rules));
        } catch (IOException e) {
            throw new UncheckedIOException("failed to load kuromoji user dictionary", e);
        }
    }
}
