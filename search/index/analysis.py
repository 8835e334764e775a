"""Text analysis per language: how each language's words are cut, folded, paired and stemmed.

The names are Elasticsearch's official ones, so production's official image (with the ICU,
Kuromoji, Nori and SmartCN plugins) and the development node (deploy/search-node) read the
same index settings.
"""

from dataclasses import dataclass
from typing import Any

from elasticsearch.dsl import analyzer, token_filter
from elasticsearch.dsl.utils import DslBase

ASCII_FOLDING = "asciifolding"
AUTOCOMPLETE_GRAMS = token_filter("autocomplete_grams", "edge_ngram", min_gram=1, max_gram=20)
SUGGEST_SHINGLES = token_filter(
    "suggest_shingles", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=True
)


@dataclass(frozen=True)
class LanguageAnalysis:
    """How one language's text is analysed.

    ``text``: the main analyzer of title, standfirst and body (stemming where the language
    has it); ``tokenizer``: what cuts words, for the autocomplete and suggestion analyzers;
    ``folds``: whether words are also matched without diacritics, so that a query typed
    without accents ("Bo Cong Thuong") still finds the accented text.

    Each text field has a second subfield (``variant``) that matches the text another way:
    ``.folded`` without diacritics where the language folds; ``.bigrams``, in overlapping
    pairs of characters, for Chinese, Japanese and Korean, whose dictionaries cut words in
    ways a reader's query may not (留学 inside 留学生).
    """

    text: str
    tokenizer: str = "standard"
    folds: bool = True
    # What cuts the words a reader is still typing, if not ``tokenizer``: Korean's
    # morphological tokenizer reads a half-typed syllable as another word (커 → 크 + 어).
    typing_tokenizer: str = ""

    @property
    def variant(self) -> str:
        return "folded" if self.folds else "bigrams"


LANGUAGE_ANALYSIS: dict[str, LanguageAnalysis] = {
    # Vietnamese has no stemmer: words are syllables; folding is what matters.
    "vi": LanguageAnalysis("vi_text"),
    "en": LanguageAnalysis("english"),
    "fr": LanguageAnalysis("french"),
    "es": LanguageAnalysis("spanish"),
    "ru": LanguageAnalysis("russian"),
    "ar": LanguageAnalysis("arabic"),
    "zh-hans": LanguageAnalysis("smartcn", tokenizer="smartcn_tokenizer", folds=False),
    "ja": LanguageAnalysis("kuromoji", tokenizer="kuromoji_tokenizer", folds=False),
    "ko": LanguageAnalysis(
        "nori", tokenizer="nori_tokenizer", folds=False, typing_tokenizer="standard"
    ),
}


def _word_filters(analysis: LanguageAnalysis) -> list[Any]:
    return ["lowercase", ASCII_FOLDING] if analysis.folds else ["lowercase"]


def text_analyzer(language: str) -> DslBase | str:
    """The main analyzer: a custom one for Vietnamese, Elasticsearch's own for the others."""
    analysis = LANGUAGE_ANALYSIS[language]
    if analysis.text == "vi_text":
        return analyzer("vi_text", tokenizer="standard", filter=["lowercase"])
    return analysis.text


def variant_analyzer(language: str) -> DslBase:
    """The analyzer of ``language``'s second subfield: folded words, or character pairs."""
    if LANGUAGE_ANALYSIS[language].folds:
        return analyzer("folded", tokenizer="standard", filter=["lowercase", ASCII_FOLDING])
    return analyzer(
        "bigrams", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"]
    )


def autocomplete_analyzers(language: str) -> tuple[DslBase, DslBase]:
    """Index-time edge n-grams of each word, and the plain words to match them at query time."""
    analysis = LANGUAGE_ANALYSIS[language]
    words = _word_filters(analysis)
    tokenizer = analysis.typing_tokenizer or analysis.tokenizer
    index_time = analyzer("autocomplete", tokenizer=tokenizer, filter=[*words, AUTOCOMPLETE_GRAMS])
    query_time = analyzer("autocomplete_query", tokenizer=tokenizer, filter=words)
    return index_time, query_time


def suggest_analyzer(language: str) -> DslBase:
    """Word shingles for "did you mean": the phrase suggester corrects words in context.

    Not folded: a correction is offered with its diacritics (Québec, hương).
    """
    analysis = LANGUAGE_ANALYSIS[language]
    return analyzer("suggest", tokenizer=analysis.tokenizer, filter=["lowercase", SUGGEST_SHINGLES])


def document_number_analyzer() -> DslBase:
    """Document numbers whole (``2387/qd-bct``) for exact matches."""
    return analyzer("document_number", tokenizer="keyword", filter=["lowercase", ASCII_FOLDING])
