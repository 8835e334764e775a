package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.search.suggest.analyzing.SuggestStopFilter;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;

/**
 * Stands in for the official {@code analysis-smartcn} plugin (Simplified Chinese), on Lucene's
 * lucene-analysis-smartcn: {@code smartcn} analyzer, {@code smartcn_tokenizer} (and its old alias
 * {@code smartcn_sentence}), {@code smartcn_stop}, and the no-op {@code smartcn_word}.
 */
public class SmartcnAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "smartcn_tokenizer", (idx, env, name, s) -> Factories.tokenizer(name, HMMChineseTokenizer::new),
            "smartcn_sentence", (idx, env, name, s) -> Factories.tokenizer(name, HMMChineseTokenizer::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "smartcn_word", (idx, env, name, s) -> Factories.filter(name, false, ts -> ts),
            "smartcn_stop", (idx, env, name, s) -> {
                boolean ignoreCase = s.getAsBoolean("ignore_case", false);
                boolean removeTrailing = s.getAsBoolean("remove_trailing", true);
                CharArraySet stopWords = Analysis.parseWords(
                    env, s, "stopwords", SmartChineseAnalyzer.getDefaultStopSet(),
                    Map.of("_smartcn_", SmartChineseAnalyzer.getDefaultStopSet()), ignoreCase
                );
                return Factories.filter(name, false, ts -> removeTrailing ? new StopFilter(ts, stopWords) : new SuggestStopFilter(ts, stopWords));
            }
        );
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("smartcn", (idx, env, name, s) ->
            Factories.analyzer(name, s, new SmartChineseAnalyzer(SmartChineseAnalyzer.getDefaultStopSet())));
    }
}
