"""The index of articles: one index per language behind an alias, and its documents' mapping.

Each language gets its own index so that each can have its own analysis (see
``search.index.analysis`` and docs/search-index.md). Readers query the alias
``<prefix>-<lang>``; a rebuild writes a new versioned index and swaps the alias.
"""

from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from elasticsearch.dsl import Date, Document, Index, Keyword, Object, Text

from search.index.analysis import (
    LANGUAGE_ANALYSIS,
    autocomplete_analyzers,
    document_number_analyzer,
    suggest_analyzer,
    text_analyzer,
    variant_analyzer,
)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def alias_name(language: str) -> str:
    return f"{settings.NEWSROOM_SEARCH['index_prefix']}-{language}"


def versioned_index_name(language: str, version: datetime) -> str:
    return f"{alias_name(language)}-{version:%Y%m%d%H%M%S%f}"


class ArticleDocument(Document):
    """The fields every language's index shares; ``article_document_class`` adds the text."""

    page_id = Keyword()
    revision_id = Keyword()
    uid = Keyword()
    language = Keyword()
    url = Keyword(index=False)
    image_url = Keyword(index=False)
    image_alt = Keyword(index=False)
    kind = Keyword()
    section = Keyword()
    section_slug = Keyword()
    section_label = Keyword()
    topics = Keyword()
    topics_labels = Keyword()
    units = Keyword()
    units_labels = Keyword()
    regions = Keyword()
    regions_labels = Keyword()
    document_numbers = Keyword(
        fields={
            "whole": Text(analyzer=document_number_analyzer()),
            "parts": Text(analyzer="standard"),
        }
    )
    tag_slugs = Keyword()
    authors = Keyword()
    publication_date = Date()
    last_published_at = Date()
    embargoed_until = Date()
    # What feeds show but nobody searches: kept in the source only.
    body_html = Text(index=False)
    hero = Object(enabled=False)
    cited_documents = Object(enabled=False)
    source = Object(enabled=False)


@cache
def article_document_class(language: str) -> type[ArticleDocument]:
    """The document of one language: its text fields analysed the way that language needs."""
    text = text_analyzer(language)
    autocomplete, autocomplete_query = autocomplete_analyzers(language)
    subfields = {LANGUAGE_ANALYSIS[language].variant: Text(analyzer=variant_analyzer(language))}

    def prose(**extra: Any) -> Text:
        return Text(analyzer=text, fields=subfields, **extra)

    text_fields = {
        "title": Text(
            analyzer=text,
            copy_to="suggest_text",
            fields={
                **subfields,
                "autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_query),
                "raw": Keyword(),
            },
        ),
        # "Did you mean" learns words from titles and standfirsts: shingling whole bodies
        # would double the cost of indexing for corrections readers rarely need from them.
        "standfirst": prose(copy_to="suggest_text"),
        "body": prose(),
        "suggest_text": Text(analyzer=suggest_analyzer(language)),
        "unit_names": Text(analyzer=text),
        "topic_names": Text(analyzer=text),
        "region_names": Text(analyzer=text),
        "tags": Keyword(fields={"text": Text(analyzer=text)}),
    }
    name = f"ArticleDocument_{language.replace('-', '_')}"
    return type(name, (ArticleDocument,), {"__module__": __name__, **text_fields})


def article_index(name: str, language: str) -> Index:
    """An index named ``name`` with ``language``'s analysis and mapping, not yet created."""
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=settings.NEWSROOM_SEARCH["replicas"],
        max_ngram_diff=20,
    )
    index.document(article_document_class(language))
    return index
