"""The search index of articles: one index per language, behind an alias, and its documents.

Each language gets its own index so that each can have its own analysis (see
``search.analysis`` and docs/search-index.md). Readers query the alias ``<prefix>-<lang>``;
a rebuild writes a new versioned index and swaps the alias.
"""

from datetime import datetime

from django.conf import settings
from django.utils.translation import override
from elasticsearch.dsl import Date, Index, Keyword, Mapping, Text
from modeltranslation.utils import build_localized_fieldname

from content.models import ArticlePage
from content.models.querysets import LISTING_IMAGE_SPEC
from content.plain_text import plain_text
from search.analysis import (
    LANGUAGE_ANALYSIS,
    autocomplete_analyzers,
    document_number_analyzer,
    folded_analyzer,
    suggest_analyzer,
    text_analyzer,
)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def alias_name(language: str) -> str:
    return f"{settings.NEWSROOM_SEARCH['index_prefix']}-{language}"


def versioned_index_name(language: str, version: datetime) -> str:
    return f"{alias_name(language)}-{version:%Y%m%d%H%M%S%f}"


def article_mapping(language: str) -> Mapping:
    text = text_analyzer(language)
    autocomplete, autocomplete_query = autocomplete_analyzers(language)
    subfields = (
        {"folded": Text(analyzer=folded_analyzer())} if LANGUAGE_ANALYSIS[language].folds else {}
    )

    def prose(**extra):
        return Text(analyzer=text, fields=subfields, copy_to="suggest_text", **extra)

    mapping = Mapping()
    mapping.field("page_id", Keyword())
    mapping.field("revision_id", Keyword())
    mapping.field("language", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field("image_url", Keyword(index=False))
    mapping.field("image_alt", Keyword(index=False))
    mapping.field(
        "title",
        Text(
            analyzer=text,
            copy_to="suggest_text",
            fields={
                **subfields,
                "autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_query),
                "raw": Keyword(),
            },
        ),
    )
    mapping.field("standfirst", prose())
    mapping.field("body", prose())
    mapping.field("suggest_text", Text(analyzer=suggest_analyzer(language)))
    mapping.field("kind", Keyword())
    mapping.field("section", Keyword())
    mapping.field("section_label", Keyword())
    for facet in ("topics", "units", "regions"):
        mapping.field(facet, Keyword())
        mapping.field(f"{facet}_labels", Keyword())
    mapping.field("unit_names", Text(analyzer=text))
    mapping.field("topic_names", Text(analyzer=text))
    mapping.field("region_names", Text(analyzer=text))
    mapping.field("tags", Keyword(fields={"text": Text(analyzer=text)}))
    mapping.field(
        "document_numbers",
        Keyword(
            fields={
                "whole": Text(analyzer=document_number_analyzer()),
                "parts": Text(analyzer="standard"),
            }
        ),
    )
    mapping.field("publication_date", Date())
    mapping.field("last_published_at", Date())
    return mapping


def article_index(name: str, language: str) -> Index:
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=settings.NEWSROOM_SEARCH["replicas"],
        max_ngram_diff=20,
    )
    index.mapping(article_mapping(language))
    return index


def _name(term, language: str) -> str:
    return getattr(term, build_localized_fieldname("name", language), None) or term.name


def _label(term, language: str) -> str:
    """``slug|name``: facets carry their display name, so results need no database lookup."""
    return f"{term.slug}|{_name(term, language)}"


def article_document(page: ArticlePage, language: str, section) -> dict:
    """The indexed form of ``page`` in ``language``: what search results and feeds show."""

    def localized(field):
        return getattr(page, build_localized_fieldname(field, language)) or ""

    units = [unit for unit in (page.lead_unit, *page.coordinating_units.all()) if unit]
    topics, regions = list(page.topics.all()), list(page.regions.all())
    with override(language):
        url = page.get_full_url()
        section_title = section.title if section else ""
    image_url = ""
    if page.hero_image:
        image_url = page.hero_image.get_rendition(LISTING_IMAGE_SPEC).full_url
    return {
        "page_id": str(page.pk),
        "revision_id": str(page.live_revision_id or ""),
        "language": language,
        "url": url,
        "image_url": image_url,
        "image_alt": localized("hero_alt_text"),
        "title": localized("title"),
        "standfirst": localized("standfirst"),
        "body": plain_text(localized("body")),
        "kind": page.kind,
        "section": str(section.pk) if section else "",
        "section_label": f"{section.pk}|{section_title}" if section else "",
        "topics": [t.slug for t in topics],
        "topics_labels": [_label(t, language) for t in topics],
        "topic_names": [_name(t, language) for t in topics],
        "units": [u.slug for u in units],
        "units_labels": [_label(u, language) for u in units],
        "unit_names": [_name(u, language) for u in units],
        "regions": [r.slug for r in regions],
        "regions_labels": [_label(r, language) for r in regions],
        "region_names": [_name(r, language) for r in regions],
        "tags": [tag.name for tag in page.tags.all()],
        "document_numbers": [d.number for d in page.documents.all()],
        "publication_date": page.publication_date,
        "last_published_at": page.last_published_at,
    }
