package newsroom.search.node;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemmer;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.KpStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.LovinsStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code stemmer} token filter's {@code language} (or {@code name}) values, mapped to the Lucene
 * stemmers upstream's StemmerTokenFilterFactory picks for them. Names are matched ignoring case, and
 * the old camelCase spellings ({@code lightEnglish}) are accepted as upstream does.
 */
final class Stemmers {

    private Stemmers() {}

    private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = new HashMap<>();

    private static void add(Function<TokenStream, TokenStream> stemmer, String... names) {
        for (String name : names) {
            STEMMERS.put(name.toLowerCase(Locale.ROOT), stemmer);
        }
    }

    private static void snowball(Supplier<SnowballStemmer> stemmer, String... names) {
        add(ts -> new SnowballFilter(ts, stemmer.get()), names);
    }

    static {
        add(ArabicStemFilter::new, "arabic");
        snowball(ArmenianStemmer::new, "armenian");
        snowball(BasqueStemmer::new, "basque");
        add(BengaliStemFilter::new, "bengali");
        add(BrazilianStemFilter::new, "brazilian");
        add(BulgarianStemFilter::new, "bulgarian");
        snowball(CatalanStemmer::new, "catalan");
        add(CzechStemFilter::new, "czech");
        snowball(DanishStemmer::new, "danish");
        snowball(DutchStemmer::new, "dutch");
        snowball(KpStemmer::new, "dutch_kp", "dutchKp", "kp");
        // English
        add(PorterStemFilter::new, "english", "porter");
        add(KStemFilter::new, "light_english", "lightEnglish", "kstem");
        snowball(LovinsStemmer::new, "lovins");
        snowball(EnglishStemmer::new, "porter2");
        add(EnglishMinimalStemFilter::new, "minimal_english", "minimalEnglish");
        add(EnglishPossessiveFilter::new, "possessive_english", "possessiveEnglish");
        snowball(EstonianStemmer::new, "estonian");
        snowball(FinnishStemmer::new, "finnish");
        add(FinnishLightStemFilter::new, "light_finish", "lightFinish", "light_finnish", "lightFinnish");
        // French
        snowball(FrenchStemmer::new, "french");
        add(FrenchLightStemFilter::new, "light_french", "lightFrench");
        add(FrenchMinimalStemFilter::new, "minimal_french", "minimalFrench");
        add(GalicianStemFilter::new, "galician");
        add(GalicianMinimalStemFilter::new, "minimal_galician");
        // German
        snowball(GermanStemmer::new, "german");
        snowball(German2Stemmer::new, "german2");
        add(GermanLightStemFilter::new, "light_german", "lightGerman");
        add(GermanMinimalStemFilter::new, "minimal_german", "minimalGerman");
        add(GreekStemFilter::new, "greek");
        add(HindiStemFilter::new, "hindi");
        snowball(HungarianStemmer::new, "hungarian");
        add(HungarianLightStemFilter::new, "light_hungarian", "lightHungarian");
        add(IndonesianStemFilter::new, "indonesian");
        snowball(IrishStemmer::new, "irish");
        snowball(ItalianStemmer::new, "italian");
        add(ItalianLightStemFilter::new, "light_italian", "lightItalian");
        add(LatvianStemFilter::new, "latvian");
        snowball(LithuanianStemmer::new, "lithuanian");
        // Norwegian
        snowball(NorwegianStemmer::new, "norwegian");
        add(NorwegianLightStemFilter::new, "light_norwegian", "lightNorwegian");
        add(NorwegianMinimalStemFilter::new, "minimal_norwegian", "minimalNorwegian");
        add(ts -> new NorwegianLightStemFilter(ts, NorwegianLightStemmer.NYNORSK), "light_nynorsk", "lightNynorsk");
        add(ts -> new NorwegianMinimalStemFilter(ts, NorwegianLightStemmer.NYNORSK), "minimal_nynorsk", "minimalNynorsk");
        add(PersianStemFilter::new, "persian");
        // Portuguese
        snowball(PortugueseStemmer::new, "portuguese");
        add(PortugueseLightStemFilter::new, "light_portuguese", "lightPortuguese");
        add(PortugueseMinimalStemFilter::new, "minimal_portuguese", "minimalPortuguese");
        add(PortugueseStemFilter::new, "portuguese_rslp");
        snowball(RomanianStemmer::new, "romanian");
        // Russian
        snowball(RussianStemmer::new, "russian");
        add(RussianLightStemFilter::new, "light_russian", "lightRussian");
        snowball(SerbianStemmer::new, "serbian");
        // Spanish
        snowball(SpanishStemmer::new, "spanish");
        add(SpanishLightStemFilter::new, "light_spanish", "lightSpanish");
        add(SpanishPluralStemFilter::new, "spanish_plural");
        add(SoraniStemFilter::new, "sorani");
        snowball(SwedishStemmer::new, "swedish");
        add(SwedishLightStemFilter::new, "light_swedish", "lightSwedish");
        snowball(TurkishStemmer::new, "turkish");
    }

    /** The stemmer for a language name; throws for an unknown one, as upstream does when the index is created. */
    static Function<TokenStream, TokenStream> forLanguage(String language) {
        Function<TokenStream, TokenStream> stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer != null) {
            return stemmer;
        }
        // Like upstream, any other Snowball stemmer by its capitalised name (e.g. "tamil", "nepali").
        String snowballName = language.isEmpty() ? language : Character.toUpperCase(language.charAt(0)) + language.substring(1);
        Function<TokenStream, TokenStream> snowball = ts -> new SnowballFilter(ts, snowballName);
        snowball.apply(new org.apache.lucene.analysis.miscellaneous.EmptyTokenStream()); // throws for an unknown name
        return snowball;
    }
}
