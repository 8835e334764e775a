"""A story's document in one language: what search results and feeds show of it.

URLs are stored as paths (the story's, its images', the body's links): whoever shows a
document adds the host of the site the reader asked, so a new host needs no reindex.
"""

import mimetypes
import uuid
from functools import cache
from typing import Any

from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname

from content.frame import text_in
from content.models import LISTING_IMAGE_SPEC, OfficialDocument, SectionPage, rendition_or_none
from search.index.facts import StoryFacts, Term
from search.index.story_rows import StoryRow
from search.index.story_urls import StoryUrls

# A rendition for feeds: large enough to republish, and one file a partner can fetch.
FEED_IMAGE_SPEC = "width-1200"
# Namespace of stories' permanent ids, which survive edits, moves and slug changes.
STORY_ID_NAMESPACE = uuid.UUID("6f1d7c52-8f0e-4a8c-9f51-2b3a0c1e4d77")


def story_uid(translation_key: uuid.UUID, language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(STORY_ID_NAMESPACE, f'{translation_key}/{language}')}"


def article_document(
    page: StoryRow,
    language: str,
    section: SectionPage | None,
    urls: StoryUrls,
    facts: StoryFacts,
) -> dict[str, Any]:
    """The indexed form of a story in ``language``: what search results and feeds show.

    ``page`` is the story's row in that language (``story_rows``), named as the page names it.
    """

    def localized(instance: Any, field: str) -> str:
        return getattr(instance, build_localized_fieldname(field, language)) or ""

    units, unit_labels = _names_and_labels(facts.units, language)
    topics, topic_labels = _names_and_labels(facts.topics, language)
    regions, region_labels = _names_and_labels(facts.regions, language)
    url = urls.path(page, language)
    section_title = text_in(section, "title", language).text if section else ""
    listing = rendition_or_none(page.hero_image, LISTING_IMAGE_SPEC)
    image_url = listing.url if listing else ""
    hero = _hero(page, language) if listing else None
    return {
        "page_id": str(page.pk),
        "revision_id": str(page.live_revision_id or ""),
        "uid": story_uid(page.translation_key, language),
        "language": language,
        "url": url,
        "image_url": image_url,
        "image_alt": localized(page, "hero_alt_text"),
        "title": localized(page, "title"),
        "standfirst": localized(page, "standfirst"),
        "body": facts.body_texts.get(language, ""),
        "kind": page.kind,
        "section": str(section.pk) if section else "",
        "section_slug": section.slug_in(language) if section else "",
        "section_label": f"{section.pk}|{section_title}" if section else "",
        "topics": [t.slug for t in facts.topics],
        "topics_labels": topic_labels,
        "topic_names": topics,
        "units": [u.slug for u in facts.units],
        "units_labels": unit_labels,
        "unit_names": units,
        "regions": [r.slug for r in facts.regions],
        "regions_labels": region_labels,
        "region_names": regions,
        "tags": facts.tags,
        "tag_slugs": facts.tag_slugs,
        "authors": facts.authors,
        "document_numbers": facts.document_numbers,
        "publication_date": page.publication_date,
        "last_published_at": page.last_published_at,
        "embargoed_until": page.embargoed_until,
        "body_html": facts.body_html.get(language, ""),
        "hero": hero,
        "cited_documents": [_cited(document, language) for document in facts.documents],
        "source": {"name": page.source_name, "url": page.source_url} if page.source_url else None,
    }


def _names_and_labels(terms: list[Term], language: str) -> tuple[list[str], list[str]]:
    """The terms' names in ``language`` and their ``slug|name`` labels, each name found once."""
    names = [term.name(language) for term in terms]
    return names, [Term.label_of(term.slug, name) for term, name in zip(terms, names, strict=True)]


def _hero(page: StoryRow, language: str) -> dict[str, Any] | None:
    """The hero image as feeds enclose it: a real rendition with its size and type."""
    rendition = rendition_or_none(page.hero_image, FEED_IMAGE_SPEC)
    if rendition is None:
        return None
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
        "length": length,
        "alt": getattr(page, build_localized_fieldname("hero_alt_text", language)) or "",
        "caption": getattr(page, build_localized_fieldname("hero_caption", language)) or "",
        "credit": page.hero_credit,
    }


@cache
def _kind_label(kind: str, language: str) -> str:
    """An official document's kind as readers of ``language`` read it."""
    with override(language):
        return str(OfficialDocument(kind=kind).get_kind_display())


def _cited(document: OfficialDocument, language: str) -> dict[str, str]:
    return {
        "number": document.number,
        "kind": _kind_label(document.kind, language),
        "title": getattr(document, build_localized_fieldname("title", language)) or document.title,
        "issuing_body": document.issuing_body,
        "date_signed": document.date_signed.isoformat(),
    }
