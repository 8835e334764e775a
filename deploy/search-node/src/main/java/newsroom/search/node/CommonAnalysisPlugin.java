package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bn.BengaliNormalizationFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.classic.ClassicFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.commongrams.CommonGramsFilter;
import org.apache.lucene.analysis.commongrams.CommonGramsQueryFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.de.GermanStemFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.FingerprintFilter;
import org.apache.lucene.analysis.miscellaneous.KeepWordFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.LimitTokenCountFilter;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.ScandinavianNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.path.PathHierarchyTokenizer;
import org.apache.lucene.analysis.path.ReversePathHierarchyTokenizer;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.pattern.SimplePatternSplitTokenizer;
import org.apache.lucene.analysis.pattern.SimplePatternTokenizer;
import org.apache.lucene.analysis.payloads.DelimitedPayloadTokenFilter;
import org.apache.lucene.analysis.payloads.FloatEncoder;
import org.apache.lucene.analysis.payloads.IdentityEncoder;
import org.apache.lucene.analysis.payloads.IntegerEncoder;
import org.apache.lucene.analysis.payloads.PayloadEncoder;
import org.apache.lucene.analysis.payloads.TypeAsPayloadTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sr.SerbianNormalizationFilter;
import org.apache.lucene.analysis.th.ThaiTokenizer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredCharFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.lucene.analysis.miscellaneous.DisableGraphAttribute;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Stands in for the distribution's {@code analysis-common} module, which is not published to Maven
 * Central: the same names, the same settings, the same Lucene classes. What the server itself
 * registers ({@code standard} tokenizer and analyzer, the configurable {@code stop} and {@code shingle}
 * filters, the pre-configured {@code lowercase} filter, the pre-built {@code simple}, {@code stop},
 * {@code whitespace} and {@code keyword} analyzers) is left to the server.
 */
public class CommonAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new TreeMap<>();
        f.put("apostrophe", simple(false, ApostropheFilter::new));
        f.put("arabic_normalization", simple(true, ArabicNormalizationFilter::new));
        f.put("arabic_stem", simple(false, ArabicStemFilter::new));
        f.put("asciifolding", (idx, env, name, s) -> asciiFolding(name, s.getAsBoolean("preserve_original", false)));
        f.put("bengali_normalization", simple(true, BengaliNormalizationFilter::new));
        f.put("brazilian_stem", simple(false, BrazilianStemFilter::new));
        f.put("cjk_bigram", (idx, env, name, s) -> cjkBigram(name, s));
        f.put("cjk_width", simple(true, CJKWidthFilter::new));
        f.put("classic", simple(false, ClassicFilter::new));
        f.put("common_grams", requiresAnalysisSettings((idx, env, name, s) -> {
            boolean ignoreCase = s.getAsBoolean("ignore_case", false);
            boolean queryMode = s.getAsBoolean("query_mode", false);
            CharArraySet words = Analysis.parseCommonWords(env, s, null, ignoreCase);
            if (words == null) {
                throw new IllegalArgumentException("missing or empty [common_words] or [common_words_path] configuration for common_grams token filter");
            }
            return Factories.multiTokenFilter(name, ts -> {
                CommonGramsFilter grams = new CommonGramsFilter(ts, words);
                return queryMode ? new CommonGramsQueryFilter(grams) : grams;
            });
        }));
        f.put("czech_stem", simple(false, CzechStemFilter::new));
        f.put("decimal_digit", simple(true, DecimalDigitFilter::new));
        f.put("delimited_payload", (idx, env, name, s) -> {
            String delimiter = s.get("delimiter", "|");
            if (delimiter.length() != 1) {
                throw new IllegalArgumentException("Setting [delimiter] must be a single, non-null character. [" + delimiter + "] was provided.");
            }
            String encoding = s.get("encoding", "float");
            PayloadEncoder encoder = switch (encoding) {
                case "float" -> new FloatEncoder();
                case "int" -> new IntegerEncoder();
                case "identity" -> new IdentityEncoder();
                default -> throw new IllegalArgumentException("Unknown encoding [" + encoding + "]");
            };
            return Factories.filter(name, false, ts -> new DelimitedPayloadTokenFilter(ts, delimiter.charAt(0), encoder));
        });
        f.put("dutch_stem", simple(false, ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.DutchStemmer())));
        f.put("edge_ngram", CommonAnalysisPlugin::edgeNGramFilter);
        f.put("elision", requiresAnalysisSettings((idx, env, name, s) -> {
            CharArraySet articles = Analysis.parseArticles(env, s);
            if (articles == null) {
                throw new IllegalArgumentException("elision filter requires [articles] or [articles_path] setting");
            }
            return Factories.filter(name, true, ts -> new ElisionFilter(ts, articles));
        }));
        f.put("fingerprint", (idx, env, name, s) -> {
            char separator = separator(s);
            int maxOutputSize = s.getAsInt("max_output_size", 255);
            return Factories.filter(name, false, ts -> new FingerprintFilter(ts, maxOutputSize, separator));
        });
        f.put("flatten_graph", simple(false, FlattenGraphFilter::new));
        f.put("french_stem", simple(false, ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.FrenchStemmer())));
        f.put("german_normalization", simple(true, GermanNormalizationFilter::new));
        f.put("german_stem", simple(false, GermanStemFilter::new));
        f.put("hindi_normalization", simple(true, HindiNormalizationFilter::new));
        f.put("indic_normalization", simple(true, IndicNormalizationFilter::new));
        f.put("keep", requiresAnalysisSettings((idx, env, name, s) -> {
            if (s.get("keep_words") == null && s.get("keep_words_path") == null) {
                throw new IllegalArgumentException("keep requires either `keep_words` or `keep_words_path` to be configured");
            }
            if (s.get("keep_words") != null && s.get("keep_words_path") != null) {
                throw new IllegalArgumentException("cannot specify both `keep_words_path` and `keep_words`");
            }
            CharArraySet words = Analysis.getWordSet(env, s, "keep_words");
            CharArraySet keep = s.getAsBoolean("keep_words_case", false) ? new CharArraySet(words, true) : words;
            return Factories.filter(name, false, ts -> new KeepWordFilter(ts, keep));
        }));
        f.put("keep_types", requiresAnalysisSettings((idx, env, name, s) -> {
            List<String> types = s.getAsList("types");
            if (types == null || types.isEmpty()) {
                throw new IllegalArgumentException("keep_types requires `types` to be configured");
            }
            String mode = s.get("mode", "include");
            if ("include".equals(mode) == false && "exclude".equals(mode) == false) {
                throw new IllegalArgumentException("`keep_types` tokenfilter mode can only be [include] or [exclude] but was [" + mode + "].");
            }
            Set<String> keep = new HashSet<>(types);
            boolean include = "include".equals(mode);
            return Factories.filter(name, false, ts -> new TypeTokenFilter(ts, keep, include));
        }));
        f.put("keyword_marker", requiresAnalysisSettings(CommonAnalysisPlugin::keywordMarker));
        f.put("kstem", simple(false, KStemFilter::new));
        f.put("length", (idx, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return Factories.filter(name, false, ts -> new LengthFilter(ts, min, max));
        });
        f.put("limit", (idx, env, name, s) -> {
            int max = s.getAsInt("max_token_count", 1);
            boolean consumeAll = s.getAsBoolean("consume_all_tokens", false);
            return Factories.filter(name, false, ts -> new LimitTokenCountFilter(ts, max, consumeAll));
        });
        f.put("lowercase", (idx, env, name, s) -> lowercase(name, s.get("language")));
        f.put("ngram", CommonAnalysisPlugin::nGramFilter);
        f.put("pattern_capture", requiresAnalysisSettings((idx, env, name, s) -> {
            List<String> regexes = s.getAsList("patterns");
            if (regexes.isEmpty()) {
                throw new IllegalArgumentException("required setting 'patterns' is missing for token filter [" + name + "]");
            }
            Pattern[] patterns = regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
            boolean preserveOriginal = s.getAsBoolean("preserve_original", true);
            return Factories.filter(name, false, ts -> new PatternCaptureGroupTokenFilter(ts, preserveOriginal, patterns));
        }));
        f.put("pattern_replace", requiresAnalysisSettings((idx, env, name, s) -> {
            String regex = s.get("pattern");
            if (regex == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] token filter of type 'pattern_replace'");
            }
            Pattern pattern = Regex.compile(regex, s.get("flags"));
            String replacement = s.get("replacement", "");
            boolean all = s.getAsBoolean("all", true);
            return Factories.filter(name, true, ts -> new PatternReplaceFilter(ts, pattern, replacement, all));
        }));
        f.put("persian_normalization", simple(true, PersianNormalizationFilter::new));
        f.put("persian_stem", simple(false, PersianStemFilter::new));
        f.put("porter_stem", simple(false, PorterStemFilter::new));
        f.put("remove_duplicates", simple(false, RemoveDuplicatesTokenFilter::new));
        f.put("reverse", simple(false, ReverseStringFilter::new));
        f.put("russian_stem", simple(false, ts -> new SnowballFilter(ts, "Russian")));
        f.put("scandinavian_folding", simple(true, ScandinavianFoldingFilter::new));
        f.put("scandinavian_normalization", simple(true, ScandinavianNormalizationFilter::new));
        f.put("serbian_normalization", simple(true, SerbianNormalizationFilter::new));
        f.put("snowball", (idx, env, name, s) -> {
            String raw = s.get("language", s.get("name", "English"));
            String language = raw.isEmpty() ? raw : Character.toUpperCase(raw.charAt(0)) + raw.substring(1);
            new SnowballFilter(new org.apache.lucene.analysis.miscellaneous.EmptyTokenStream(), language); // unknown language: fail now
            return Factories.filter(name, false, ts -> new SnowballFilter(ts, language));
        });
        f.put("sorani_normalization", simple(true, SoraniNormalizationFilter::new));
        f.put("stemmer", (idx, env, name, s) -> {
            String language = s.get("language", s.get("name", "porter"));
            return Factories.filter(name, false, Stemmers.forLanguage(language));
        });
        f.put("stemmer_override", requiresAnalysisSettings(CommonAnalysisPlugin::stemmerOverride));
        f.put("trim", simple(true, TrimFilter::new));
        f.put("truncate", requiresAnalysisSettings((idx, env, name, s) -> {
            int length = s.getAsInt("length", -1);
            if (length <= 0) {
                throw new IllegalArgumentException("length parameter must be provided");
            }
            return Factories.filter(name, false, ts -> new TruncateTokenFilter(ts, length));
        }));
        f.put("unique", (idx, env, name, s) -> {
            boolean samePosition = s.getAsBoolean("only_on_same_position", false);
            return Factories.filter(name, false, ts -> new UniqueTokenFilter(ts, samePosition));
        });
        f.put("uppercase", simple(true, UpperCaseFilter::new));
        f.put("word_delimiter", (idx, env, name, s) -> wordDelimiter(env, name, s, false));
        f.put("word_delimiter_graph", (idx, env, name, s) -> wordDelimiter(env, name, s, true));
        return f;
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        List<PreConfiguredTokenFilter> f = new ArrayList<>();
        f.add(PreConfiguredTokenFilter.singleton("apostrophe", false, ApostropheFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("arabic_normalization", true, ArabicNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("arabic_stem", false, ArabicStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("bengali_normalization", true, BengaliNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("brazilian_stem", false, BrazilianStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("cjk_bigram", false, CJKBigramFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("cjk_width", true, CJKWidthFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("classic", false, ClassicFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("common_grams", false, false, ts -> new CommonGramsFilter(ts, CharArraySet.EMPTY_SET)));
        f.add(PreConfiguredTokenFilter.singleton("czech_stem", false, CzechStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("decimal_digit", true, DecimalDigitFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("delimited_payload", false, ts -> new DelimitedPayloadTokenFilter(ts, '|', new FloatEncoder())));
        f.add(PreConfiguredTokenFilter.singleton("dutch_stem", false, ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.DutchStemmer())));
        f.add(PreConfiguredTokenFilter.singleton("edge_ngram", false, false, ts -> new EdgeNGramTokenFilter(ts, 1)));
        f.add(PreConfiguredTokenFilter.singleton("elision", true, ts -> new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES)));
        f.add(PreConfiguredTokenFilter.singleton("french_stem", false, ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.FrenchStemmer())));
        f.add(PreConfiguredTokenFilter.singleton("german_normalization", true, GermanNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("german_stem", false, GermanStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("hindi_normalization", true, HindiNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("indic_normalization", true, IndicNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("keyword_repeat", false, false, KeywordRepeatFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("kstem", false, KStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("length", false, ts -> new LengthFilter(ts, 0, Integer.MAX_VALUE)));
        f.add(PreConfiguredTokenFilter.singleton("limit", false, ts -> new LimitTokenCountFilter(ts, 1, false)));
        f.add(PreConfiguredTokenFilter.singleton("ngram", false, false, ts -> new NGramTokenFilter(ts, 1, 2, false)));
        f.add(PreConfiguredTokenFilter.singleton("persian_normalization", true, PersianNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("porter_stem", false, PorterStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("reverse", false, ReverseStringFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("russian_stem", false, ts -> new SnowballFilter(ts, "Russian")));
        f.add(PreConfiguredTokenFilter.singleton("scandinavian_folding", true, ScandinavianFoldingFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("scandinavian_normalization", true, ScandinavianNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("shingle", false, false, ts -> {
            TokenStream shingles = new ShingleFilter(ts);
            // Shingles of different sizes do not line up by position: no graph analysis on them (as upstream).
            shingles.addAttribute(DisableGraphAttribute.class);
            return shingles;
        }));
        f.add(PreConfiguredTokenFilter.singleton("snowball", false, ts -> new SnowballFilter(ts, "English")));
        f.add(PreConfiguredTokenFilter.singleton("sorani_normalization", true, SoraniNormalizationFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("stemmer", false, PorterStemFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("stop", false, ts -> new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)));
        f.add(PreConfiguredTokenFilter.singleton("trim", true, TrimFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("truncate", false, ts -> new TruncateTokenFilter(ts, 10)));
        f.add(PreConfiguredTokenFilter.singleton("type_as_payload", false, TypeAsPayloadTokenFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("unique", false, ts -> new UniqueTokenFilter(ts, false)));
        f.add(PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new));
        f.add(PreConfiguredTokenFilter.singleton("word_delimiter", false, false, ts -> new WordDelimiterFilter(
            ts, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, DEFAULT_WORD_DELIMITER_FLAGS, null)));
        f.add(PreConfiguredTokenFilter.singleton("word_delimiter_graph", false, false, ts -> new WordDelimiterGraphFilter(
            ts, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, DEFAULT_WORD_DELIMITER_FLAGS, null)));
        return f;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> t = new TreeMap<>();
        t.put("char_group", CommonAnalysisPlugin::charGroupTokenizer);
        t.put("classic", (idx, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return Factories.tokenizer(name, () -> {
                ClassicTokenizer tokenizer = new ClassicTokenizer();
                tokenizer.setMaxTokenLength(max);
                return tokenizer;
            });
        });
        t.put("edge_ngram", (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            int max = s.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            IntPredicate chars = Factories.tokenChars(s);
            return Factories.tokenizer(name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        t.put("keyword", (idx, env, name, s) -> {
            int bufferSize = s.getAsInt("buffer_size", 256);
            return Factories.tokenizer(name, () -> new KeywordTokenizer(bufferSize));
        });
        t.put("letter", (idx, env, name, s) -> Factories.tokenizer(name, LetterTokenizer::new));
        t.put("ngram", (idx, env, name, s) -> {
            int min = s.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            int max = s.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            checkNGramDiff(idx, min, max, "NGram Tokenizer");
            IntPredicate chars = Factories.tokenChars(s);
            return Factories.tokenizer(name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        });
        AnalysisProvider<TokenizerFactory> pathHierarchy = (idx, env, name, s) -> {
            char delimiter = singleChar(s, "delimiter", PathHierarchyTokenizer.DEFAULT_DELIMITER);
            char replacement = singleChar(s, "replacement", delimiter);
            int bufferSize = s.getAsInt("buffer_size", 1024);
            boolean reverse = s.getAsBoolean("reverse", false);
            int skip = s.getAsInt("skip", 0);
            return Factories.tokenizer(name, () -> reverse
                ? new ReversePathHierarchyTokenizer(bufferSize, delimiter, replacement, skip)
                : new PathHierarchyTokenizer(bufferSize, delimiter, replacement, skip));
        };
        t.put("path_hierarchy", pathHierarchy);
        t.put("PathHierarchy", pathHierarchy);
        t.put("pattern", (idx, env, name, s) -> {
            Pattern pattern = Regex.compile(s.get("pattern", "\\W+"), s.get("flags", null));
            int group = s.getAsInt("group", -1);
            return Factories.tokenizer(name, () -> new PatternTokenizer(pattern, group));
        });
        t.put("simple_pattern", (idx, env, name, s) -> {
            String pattern = s.get("pattern", "");
            return Factories.tokenizer(name, () -> new SimplePatternTokenizer(pattern));
        });
        t.put("simple_pattern_split", (idx, env, name, s) -> {
            String pattern = s.get("pattern", "");
            return Factories.tokenizer(name, () -> new SimplePatternSplitTokenizer(pattern));
        });
        t.put("thai", (idx, env, name, s) -> Factories.tokenizer(name, ThaiTokenizer::new));
        t.put("uax_url_email", (idx, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return Factories.tokenizer(name, () -> {
                UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
                tokenizer.setMaxTokenLength(max);
                return tokenizer;
            });
        });
        t.put("whitespace", (idx, env, name, s) -> {
            int max = s.getAsInt("max_token_length", 255);
            return Factories.tokenizer(name, () -> new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max));
        });
        return t;
    }

    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        List<PreConfiguredTokenizer> t = new ArrayList<>();
        t.add(PreConfiguredTokenizer.singleton("keyword", KeywordTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("classic", ClassicTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("uax_url_email", UAX29URLEmailTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("path_hierarchy", PathHierarchyTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("PathHierarchy", PathHierarchyTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("letter", LetterTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("whitespace", WhitespaceTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton("ngram", NGramTokenizer::new));
        t.add(PreConfiguredTokenizer.singleton(
            "edge_ngram", () -> new EdgeNGramTokenizer(NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE, NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE)));
        t.add(PreConfiguredTokenizer.singleton("pattern", () -> new PatternTokenizer(Regex.compile("\\W+", null), -1)));
        t.add(PreConfiguredTokenizer.singleton("thai", ThaiTokenizer::new));
        return t;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> c = new TreeMap<>();
        c.put("html_strip", (idx, env, name, s) -> {
            List<String> escaped = s.getAsList("escaped_tags");
            Set<String> escapedTags = escaped.isEmpty() ? null : new HashSet<>(escaped);
            return Factories.charFilter(name, false, reader -> new HTMLStripCharFilter(reader, escapedTags));
        });
        c.put("mapping", requiresAnalysisSettings((idx, env, name, s) -> {
            List<String> rules = Analysis.getWordList(env, s, "mappings");
            if (rules == null) {
                throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            }
            NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                Matcher m = RULE.matcher(rule);
                if (m.find() == false) {
                    throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]");
                }
                String lhs = unescape(m.group(1).trim());
                String rhs = unescape(m.group(2).trim());
                if (lhs.isEmpty()) {
                    throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Illegal mapping.");
                }
                map.add(lhs, rhs);
            }
            NormalizeCharMap charMap = map.build();
            return Factories.charFilter(name, true, reader -> new MappingCharFilter(charMap, reader));
        }));
        c.put("pattern_replace", requiresAnalysisSettings((idx, env, name, s) -> {
            String regex = s.get("pattern");
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern pattern = Regex.compile(regex, s.get("flags"));
            String replacement = s.get("replacement", "");
            return Factories.charFilter(name, true, reader -> new PatternReplaceCharFilter(pattern, replacement, reader));
        }));
        return c;
    }

    @Override
    public List<PreConfiguredCharFilter> getPreConfiguredCharFilters() {
        return List.of(PreConfiguredCharFilter.singleton("html_strip", false, HTMLStripCharFilter::new));
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return LanguageAnalyzers.configurable();
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        List<PreBuiltAnalyzerProviderFactory> analyzers = new ArrayList<>(LanguageAnalyzers.preBuilt());
        analyzers.add(new PreBuiltAnalyzerProviderFactory("pattern", CachingStrategy.INDEX,
            () -> LanguageAnalyzers.pattern(Regex.compile("\\W+", null), true, CharArraySet.EMPTY_SET)));
        analyzers.add(new PreBuiltAnalyzerProviderFactory("snowball", CachingStrategy.LUCENE,
            () -> LanguageAnalyzers.snowball("English", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)));
        return analyzers;
    }

    // ---------------------------------------------------------------------------------------------

    /** A filter with no settings. */
    private static AnalysisProvider<TokenFilterFactory> simple(boolean normalizing, java.util.function.Function<TokenStream, TokenStream> create) {
        return (idx, env, name, s) -> Factories.filter(name, normalizing, create);
    }

    private static TokenFilterFactory lowercase(String name, String language) {
        java.util.function.Function<TokenStream, TokenStream> create;
        if (language == null) {
            create = LowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("greek")) {
            create = GreekLowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("irish")) {
            create = IrishLowerCaseFilter::new;
        } else if (language.equalsIgnoreCase("turkish")) {
            create = TurkishLowerCaseFilter::new;
        } else {
            throw new IllegalArgumentException("language [" + language + "] not support for lower case");
        }
        return Factories.filter(name, true, create);
    }

    private static TokenFilterFactory asciiFolding(String name, boolean preserveOriginal) {
        return new org.elasticsearch.index.analysis.NormalizingTokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
            }

            @Override
            public TokenStream normalize(TokenStream tokenStream) {
                // A normalizer must produce one token: never keep the original here.
                return new ASCIIFoldingFilter(tokenStream, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                return preserveOriginal ? Factories.filter(name, false, ts -> new ASCIIFoldingFilter(ts, false)) : this;
            }
        };
    }

    private static void checkNGramDiff(IndexSettings idx, int min, int max, String what) {
        int allowed = idx.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: ["
                    + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    private static TokenFilterFactory nGramFilter(IndexSettings idx, Environment env, String name, Settings s) {
        int min = s.getAsInt("min_gram", 1);
        int max = s.getAsInt("max_gram", 2);
        boolean preserveOriginal = s.getAsBoolean("preserve_original", false);
        checkNGramDiff(idx, min, max, "NGram Tokenizer");
        return Factories.multiTokenFilter(name, ts -> new NGramTokenFilter(ts, min, max, preserveOriginal));
    }

    private static TokenFilterFactory edgeNGramFilter(IndexSettings idx, Environment env, String name, Settings s) {
        int min = s.getAsInt("min_gram", 1);
        int max = s.getAsInt("max_gram", 2);
        boolean preserveOriginal = s.getAsBoolean("preserve_original", false);
        String side = s.get("side", "front");
        boolean back = switch (side) {
            case "front" -> false;
            case "back" -> true;
            default -> throw new IllegalArgumentException("invalid side: " + side);
        };
        return Factories.multiTokenFilter(name, ts -> {
            // side=back: reverse, take the front grams, reverse again (as upstream does since Lucene dropped the option).
            TokenStream result = back ? new ReverseStringFilter(ts) : ts;
            result = new EdgeNGramTokenFilter(result, min, max, preserveOriginal);
            return back ? new ReverseStringFilter(result) : result;
        });
    }

    private static TokenFilterFactory cjkBigram(String name, Settings s) {
        int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
        for (String script : s.getAsList("ignored_scripts")) {
            switch (script.toLowerCase(Locale.ROOT)) {
                case "han" -> flags &= ~CJKBigramFilter.HAN;
                case "hiragana" -> flags &= ~CJKBigramFilter.HIRAGANA;
                case "katakana" -> flags &= ~CJKBigramFilter.KATAKANA;
                case "hangul" -> flags &= ~CJKBigramFilter.HANGUL;
                default -> { } // upstream ignores unknown scripts
            }
        }
        int scripts = flags;
        boolean outputUnigrams = s.getAsBoolean("output_unigrams", false);
        return Factories.multiTokenFilter(name, ts -> {
            CJKBigramFilter bigrams = new CJKBigramFilter(ts, scripts, outputUnigrams);
            if (outputUnigrams) {
                bigrams.addAttribute(DisableGraphAttribute.class);
            }
            return bigrams;
        });
    }

    private static TokenFilterFactory keywordMarker(IndexSettings idx, Environment env, String name, Settings s) {
        boolean ignoreCase = s.getAsBoolean("ignore_case", false);
        String patternString = s.get("keywords_pattern");
        if (patternString != null) {
            if (s.get("keywords") != null || s.get("keywords_path") != null) {
                throw new IllegalArgumentException("cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
            }
            Pattern pattern = Pattern.compile(patternString);
            return Factories.filter(name, false, ts -> new PatternKeywordMarkerFilter(ts, pattern));
        }
        java.util.Set<?> rules = Analysis.getWordSet(env, s, "keywords");
        if (rules == null) {
            throw new IllegalArgumentException("keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured");
        }
        CharArraySet keywords = new CharArraySet(rules, ignoreCase);
        return Factories.filter(name, false, ts -> new SetKeywordMarkerFilter(ts, keywords));
    }

    private static TokenFilterFactory stemmerOverride(IndexSettings idx, Environment env, String name, Settings s) throws IOException {
        List<String> rules = Analysis.getWordList(env, s, "rules");
        if (rules == null) {
            throw new IllegalArgumentException("stemmer override filter requires either `rules` or `rules_path` to be configured");
        }
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        for (String rule : rules) {
            String[] sides = rule.split("=>", -1);
            if (sides.length != 2) {
                throw new RuntimeException("Invalid Keyword override Rule:" + rule);
            }
            String override = sides[1].trim();
            if (override.isEmpty()) {
                throw new RuntimeException("Invalid Keyword override Rule:" + rule);
            }
            for (String key : sides[0].split(",")) {
                String k = key.trim();
                if (k.isEmpty()) {
                    throw new RuntimeException("Invalid Keyword override Rule:" + rule);
                }
                builder.add(k, override);
            }
        }
        StemmerOverrideFilter.StemmerOverrideMap map = builder.build();
        return Factories.filter(name, false, ts -> new StemmerOverrideFilter(ts, map));
    }

    static final int DEFAULT_WORD_DELIMITER_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
        | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
        | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    private static TokenFilterFactory wordDelimiter(Environment env, String name, Settings s, boolean graph) {
        int flags = 0;
        flags |= flag(s, "generate_word_parts", true, WordDelimiterGraphFilter.GENERATE_WORD_PARTS);
        flags |= flag(s, "generate_number_parts", true, WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS);
        flags |= flag(s, "catenate_words", false, WordDelimiterGraphFilter.CATENATE_WORDS);
        flags |= flag(s, "catenate_numbers", false, WordDelimiterGraphFilter.CATENATE_NUMBERS);
        flags |= flag(s, "catenate_all", false, WordDelimiterGraphFilter.CATENATE_ALL);
        flags |= flag(s, "split_on_case_change", true, WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE);
        flags |= flag(s, "preserve_original", false, WordDelimiterGraphFilter.PRESERVE_ORIGINAL);
        flags |= flag(s, "split_on_numerics", true, WordDelimiterGraphFilter.SPLIT_ON_NUMERICS);
        flags |= flag(s, "stem_english_possessive", true, WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE);
        if (graph) {
            flags |= flag(s, "ignore_keywords", false, WordDelimiterGraphFilter.IGNORE_KEYWORDS);
        }
        CharArraySet protectedWords = Analysis.getWordSet(env, s, "protected_words");
        List<String> typeRules = Analysis.getWordList(env, s, "type_table");
        byte[] table = typeRules == null ? WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE : typeTable(typeRules);
        boolean adjustOffsets = s.getAsBoolean("adjust_offsets", true);
        int configuration = flags;
        if (graph) {
            return Factories.multiTokenFilter(name, ts -> new WordDelimiterGraphFilter(ts, adjustOffsets, table, configuration, protectedWords));
        }
        return Factories.multiTokenFilter(name, ts -> new WordDelimiterFilter(ts, table, configuration, protectedWords));
    }

    private static int flag(Settings s, String key, boolean defaultValue, int flag) {
        return s.getAsBoolean(key, defaultValue) ? flag : 0;
    }

    private static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    private static byte[] typeTable(List<String> rules) {
        TreeMap<Character, Byte> types = new TreeMap<>();
        for (String rule : rules) {
            Matcher m = RULE.matcher(rule);
            if (m.find() == false) {
                throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]");
            }
            String lhs = unescape(m.group(1).trim());
            if (lhs.length() != 1) {
                throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Only a single character is allowed.");
            }
            byte type = switch (m.group(2).trim()) {
                case "LOWER" -> WordDelimiterFilter.LOWER;
                case "UPPER" -> WordDelimiterFilter.UPPER;
                case "ALPHA" -> WordDelimiterFilter.ALPHA;
                case "DIGIT" -> WordDelimiterFilter.DIGIT;
                case "ALPHANUM" -> WordDelimiterFilter.ALPHANUM;
                case "SUBWORD_DELIM" -> WordDelimiterFilter.SUBWORD_DELIM;
                default -> throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Illegal type.");
            };
            types.put(lhs.charAt(0), type);
        }
        byte[] table = new byte[Math.max(types.lastKey() + 1, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length)];
        System.arraycopy(WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, 0, table, 0, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length);
        for (Map.Entry<Character, Byte> e : types.entrySet()) {
            table[e.getKey()] = e.getValue();
        }
        return table;
    }

    /** Backslash escapes in mapping and type-table rules: \\ \" \' \n \t \r \b \f \\uXXXX. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 >= s.length()) {
                            throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                        }
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char separator(Settings s) {
        String separator = s.get("separator", " ");
        if (separator.length() > 1) {
            throw new IllegalArgumentException("Setting [separator] must be a single, non-null character. [" + separator + "] was provided.");
        }
        return separator.isEmpty() ? ' ' : separator.charAt(0);
    }

    private static char singleChar(Settings s, String key, char defaultValue) {
        String value = s.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException(key + " can only be a one char value");
        }
        return value.charAt(0);
    }

    private static TokenizerFactory charGroupTokenizer(IndexSettings idx, Environment env, String name, Settings s) {
        List<IntPredicate> matchers = new ArrayList<>();
        for (String token : s.getAsList("tokenize_on_chars")) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("[tokenize_on_chars] cannot contain empty characters");
            }
            if (token.length() == 1) {
                char ch = token.charAt(0);
                matchers.add(c -> c == ch);
            } else if (token.charAt(0) == '\\') {
                String unescaped = unescape(token);
                if (unescaped.length() != 1) {
                    throw new IllegalArgumentException("Invalid escaped char in [" + token + "]");
                }
                char ch = unescaped.charAt(0);
                matchers.add(c -> c == ch);
            } else {
                IntPredicate named = Factories.tokenChars(Settings.builder().putList("token_chars", token).build());
                matchers.add(named);
            }
        }
        int maxTokenLength = s.getAsInt("max_token_length", CharTokenizer.DEFAULT_MAX_WORD_LEN);
        return Factories.tokenizer(name, () -> new CharTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength) {
            @Override
            protected boolean isTokenChar(int c) {
                for (IntPredicate m : matchers) {
                    if (m.test(c)) {
                        return false;
                    }
                }
                return true;
            }
        });
    }
}
