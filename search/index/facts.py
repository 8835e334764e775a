"""What stories' documents need beyond their own rows: terms, bylines, documents and bodies.

Loaded for many stories at once, as plain values, so that indexing thousands of stories
does not spend its time building model instances. What many stories share (terms, sections,
official documents) is read once per rebuild (``SharedRows``), not once per chunk of stories.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from modeltranslation.utils import build_localized_fieldname

from content.frame import fallback_order
from content.models import (
    ArticleByline,
    ArticlePage,
    ArticleTag,
    MinistryUnit,
    OfficialDocument,
    Region,
    SectionPage,
    Topic,
)
from content.plain_text import cited_document_ids
from search.index.body_cache import Rendered, render_bodies
from search.index.mapping import languages
from search.index.story_rows import StoryRow
from search.index.story_urls import StoryUrls


@dataclass(frozen=True)
class Term:
    """A topic, region or unit as a document needs it: slug, and its name in each language."""

    slug: str
    names: dict[str, str]
    fallback: str
    # Names found, by language: a term shared by thousands of stories is looked up once.
    _found: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def name(self, language: str) -> str:
        """The name in ``language``, or in the frame's fallback order (``content.frame``)."""
        if language not in self._found:
            found = (self.names.get(code) for code in fallback_order(language))
            self._found[language] = next((name for name in found if name), self.fallback)
        return self._found[language]

    @staticmethod
    def label_of(slug: str, name: str) -> str:
        """``slug|name``: facets carry their display name, so results need no database lookup."""
        return f"{slug}|{name}"


@dataclass
class StoryFacts:
    """What a story's documents need besides the page's own row, loaded for many at once."""

    units: list[Term] = field(default_factory=list)
    topics: list[Term] = field(default_factory=list)
    regions: list[Term] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    tag_slugs: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    documents: list[OfficialDocument] = field(default_factory=list)
    body_texts: dict[str, str] = field(default_factory=dict)  # language -> plain text
    body_html: dict[str, str] = field(default_factory=dict)  # language -> HTML for partners

    @property
    def document_numbers(self) -> list[str]:
        return [document.number for document in self.documents]


class SharedRows:
    """What many stories' documents share, read once for a rebuild and kept while it runs.

    Terms (units, topics, regions) and official documents are read when first wanted, in
    one query per kind for those not yet read; sections once; site roots once per language
    (``StoryUrls``). A change made while a rebuild runs is replayed after it with fresh ones.
    """

    def __init__(self) -> None:
        self.urls = StoryUrls()
        self._terms: dict[type[Model], dict[int, Term]] = defaultdict(dict)
        self._documents: dict[int, OfficialDocument] = {}
        self._sections: list[SectionPage] | None = None

    def terms(self, model: type[Model], ids: Iterable[int]) -> dict[int, Term]:
        """The terms of ``model`` (a topic, region or unit) with these ids, by id."""
        known = self._terms[model]
        missing = set(ids) - known.keys()
        if missing:
            names = {code: build_localized_fieldname("name", code) for code in languages()}
            rows = model._default_manager.filter(pk__in=missing).values(
                "pk", "slug", "name", *names.values()
            )
            for row in rows:
                known[row["pk"]] = Term(
                    slug=row["slug"],
                    names={code: row[column] for code, column in names.items() if row[column]},
                    fallback=row["name"],
                )
        return known

    def documents(self, ids: Iterable[int]) -> dict[int, OfficialDocument]:
        """The official documents with these ids, by id."""
        missing = set(ids) - self._documents.keys()
        if missing:
            self._documents.update(
                (document.pk, document)
                for document in OfficialDocument.objects.filter(pk__in=missing)
            )
        return self._documents

    def section_of(self, story: StoryRow) -> SectionPage | None:
        """The section a story is filed under: the section page above it."""
        if self._sections is None:
            self._sections = list(SectionPage.objects.all())
        return next((s for s in self._sections if story.path.startswith(s.path)), None)


def _related(
    through: Any, owner: str, related: str, page_ids: Iterable[int]
) -> dict[int, list[int]]:
    """Each page's related ids through a many-to-many table, in the order they were added."""
    found: dict[int, list[int]] = defaultdict(list)
    for page_id, related_id in (
        through.objects.filter(**{f"{owner}_id__in": page_ids})
        .order_by("pk")
        .values_list(f"{owner}_id", f"{related}_id")
    ):
        found[page_id].append(related_id)
    return found


def _bodies(rows: Mapping[str, Mapping[int, StoryRow]], shared: SharedRows) -> Rendered:
    """Each published body as plain text, read as stored, and as HTML for partners.

    The HTML keeps root-relative links: feeds add the host of the site the reader asked.
    Bodies rendered before, with nothing they read changed since, are not rendered again.
    """
    stored: dict[tuple[int, str], tuple[str, list[Any]]] = {}
    for language, found in rows.items():
        for page_id, row in found.items():
            body = row.stored_body
            stored[page_id, language] = (body or "", json.loads(body) if body else [])
    cited_ids: set[int] = set().union(*(cited_document_ids(raw) for _text, raw in stored.values()))
    documents = shared.documents(cited_ids)
    cited = {
        language: {
            pk: (
                documents[pk].number,
                getattr(documents[pk], build_localized_fieldname("title", language))
                or documents[pk].title,
            )
            for pk in cited_ids
            if pk in documents
        }
        for language in rows
    }
    return render_bodies(stored, cited)


def load_facts(
    rows: Mapping[str, Mapping[int, StoryRow]], shared: SharedRows
) -> dict[int, StoryFacts]:
    """Units, topics, regions, tags, bylines, documents and bodies of many stories.

    ``rows`` holds each language's rows of the stories published in it (``story_rows``).
    Plain values rather than model instances, in a few queries: indexing thousands of
    stories spends its time building objects otherwise.
    """
    lead_units = {
        page_id: row.lead_unit_id
        for found in rows.values()
        for page_id, row in found.items()
        if row.lead_unit_id
    }
    page_ids = sorted({page_id for found in rows.values() for page_id in found})
    through = ArticlePage.coordinating_units.through
    coordinating = _related(through, "articlepage", "ministryunit", page_ids)
    topic_ids = _related(ArticlePage.topics.through, "articlepage", "topic", page_ids)
    region_ids = _related(ArticlePage.regions.through, "articlepage", "region", page_ids)
    document_ids = _related(
        ArticlePage.documents.through, "articlepage", "officialdocument", page_ids
    )
    units = shared.terms(
        MinistryUnit, {*lead_units.values(), *(i for ids in coordinating.values() for i in ids)}
    )
    topics = shared.terms(Topic, {i for ids in topic_ids.values() for i in ids})
    regions = shared.terms(Region, {i for ids in region_ids.values() for i in ids})
    documents = shared.documents({i for ids in document_ids.values() for i in ids})
    tags: dict[int, list[str]] = defaultdict(list)
    tag_slugs: dict[int, list[str]] = defaultdict(list)
    for page_id, tag, slug in ArticleTag.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag__name", "tag__slug"
    ):
        tags[page_id].append(tag)
        tag_slugs[page_id].append(slug)
    authors: dict[int, list[str]] = defaultdict(list)
    for page_id, name in (
        ArticleByline.objects.filter(page_id__in=page_ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "author__name")
    ):
        authors[page_id].append(name)
    bodies = _bodies(rows, shared)

    relations = {}
    for page_id in page_ids:
        lead = [lead_units[page_id]] if page_id in lead_units else []
        relations[page_id] = StoryFacts(
            units=[units[i] for i in lead + coordinating[page_id]],
            topics=[topics[i] for i in topic_ids[page_id]],
            regions=[regions[i] for i in region_ids[page_id]],
            tags=tags[page_id],
            tag_slugs=tag_slugs[page_id],
            authors=authors[page_id],
            documents=[documents[i] for i in document_ids[page_id]],
            body_texts=bodies.texts[page_id],
            body_html=bodies.html[page_id],
        )
    return relations
