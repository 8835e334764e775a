package newsroom.search.node;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/** Small building blocks shared by the analysis plugins. */
final class Factories {

    /**
     * The rules of a {@code user_dictionary} (a file in the config directory) or of inline
     * {@code user_dictionary_rules}, one per line, as Kuromoji's and Nori's dictionaries read
     * them; null when neither is set.
     */
    static String userDictionaryRules(
        org.elasticsearch.env.Environment env, Settings s, boolean deduplicate) {
        if (s.get("user_dictionary") != null && s.get("user_dictionary_rules") != null) {
            throw new IllegalArgumentException("It is not allowed to use [user_dictionary] in conjunction with [user_dictionary_rules]");
        }
        List<String> rules = org.elasticsearch.index.analysis.Analysis.getWordList(
            env, s, "user_dictionary", "user_dictionary_rules", "deduplicate_dictionary", deduplicate, true);
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (String rule : rules) {
            text.append(rule).append(System.lineSeparator());
        }
        return text.toString();
    }


    private Factories() {}

    /** A token filter factory. {@code normalizing} marks it as usable in normalizers and multi-term queries, as upstream does. */
    static TokenFilterFactory filter(String name, boolean normalizing, Function<TokenStream, TokenStream> create) {
        return normalizing ? new NormalizingFilter(name, create) : new PlainFilter(name, create);
    }

    /** A token filter that upstream flags as breaking the fast vector highlighter and unusable to parse synonyms (n-grams, shingles, word delimiters). */
    static TokenFilterFactory multiTokenFilter(String name, Function<TokenStream, TokenStream> create) {
        return new PlainFilter(name, create) {
            @Override
            public boolean breaksFastVectorHighlighter() {
                return true;
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                throw new IllegalArgumentException(
                    "Token filter [" + name + "] cannot be used to parse synonyms except as part of an explicit synonym filter parameter"
                );
            }
        };
    }

    static TokenizerFactory tokenizer(String name, Supplier<Tokenizer> create) {
        return TokenizerFactory.newFactory(name, create);
    }

    static CharFilterFactory charFilter(String name, boolean normalizing, Function<Reader, Reader> create) {
        if (normalizing) {
            return new NormalizingCharFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Reader create(Reader reader) {
                    return create.apply(reader);
                }
            };
        }
        return new CharFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Reader create(Reader reader) {
                return create.apply(reader);
            }
        };
    }

    static <T extends Analyzer> AnalyzerProvider<T> analyzer(String name, Settings settings, T analyzer) {
        return new AbstractIndexAnalyzerProvider<T>(name, settings) {
            @Override
            public T get() {
                return analyzer;
            }
        };
    }

    private static class PlainFilter implements TokenFilterFactory {
        private final String name;
        private final Function<TokenStream, TokenStream> create;

        PlainFilter(String name, Function<TokenStream, TokenStream> create) {
            this.name = name;
            this.create = create;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return create.apply(tokenStream);
        }
    }

    private static final class NormalizingFilter extends PlainFilter implements NormalizingTokenFilterFactory {
        NormalizingFilter(String name, Function<TokenStream, TokenStream> create) {
            super(name, create);
        }
    }

    // ---- token_chars, as the ngram, edge_ngram tokenizers take them ----

    private static final Map<String, IntPredicate> CHAR_CLASSES;

    static {
        Map<String, IntPredicate> classes = new HashMap<>();
        classes.put("letter", Character::isLetter);
        classes.put("digit", Character::isDigit);
        classes.put("whitespace", Character::isWhitespace);
        classes.put("punctuation", c -> switch (Character.getType(c)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                Character.FINAL_QUOTE_PUNCTUATION -> true;
            default -> false;
        });
        classes.put("symbol", c -> switch (Character.getType(c)) {
            case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
            default -> false;
        });
        // The Unicode general categories by their java.lang.Character names, e.g. "uppercase_letter".
        for (Field field : Character.class.getFields()) {
            if (field.getName().startsWith("DIRECTIONALITY") == false
                && Modifier.isStatic(field.getModifiers())
                && field.getType() == byte.class) {
                try {
                    byte category = field.getByte(null);
                    classes.put(field.getName().toLowerCase(Locale.ROOT), c -> Character.getType(c) == category);
                } catch (IllegalAccessException e) {
                    // not a category
                }
            }
        }
        CHAR_CLASSES = Map.copyOf(classes);
    }

    /** {@code token_chars} (and {@code custom_token_chars}) to a predicate, or null to keep all characters. */
    static IntPredicate tokenChars(Settings settings) {
        List<String> names = settings.getAsList("token_chars");
        if (names == null || names.isEmpty()) {
            return null;
        }
        List<IntPredicate> matchers = new ArrayList<>();
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT).trim();
            if ("custom".equals(name)) {
                String custom = settings.get("custom_token_chars");
                if (custom == null) {
                    throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                }
                int[] chars = custom.codePoints().toArray();
                matchers.add(c -> {
                    for (int ch : chars) {
                        if (ch == c) {
                            return true;
                        }
                    }
                    return false;
                });
                continue;
            }
            IntPredicate matcher = CHAR_CLASSES.get(name);
            if (matcher == null) {
                throw new IllegalArgumentException(
                    "Unknown token type: '" + name + "', must be one of " + new TreeSet<>(CHAR_CLASSES.keySet())
                );
            }
            matchers.add(matcher);
        }
        return c -> {
            for (IntPredicate m : matchers) {
                if (m.test(c)) {
                    return true;
                }
            }
            return false;
        };
    }
}
