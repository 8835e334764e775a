"""What stories' documents need beyond their own rows: terms, bylines, documents and bodies.

Loaded for many stories at once, as plain values, so that indexing thousands of stories
does not spend its time building model instances.
"""

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast
from modeltranslation.utils import build_localized_fieldname

from content.frame import fallback_order
from content.models import ArticleByline, ArticlePage, ArticleTag, OfficialDocument
from content.plain_text import cited_document_ids
from search.index.body_cache import Rendered, render_bodies
from search.index.mapping import languages
from search.index.story_urls import StoryUrls


@dataclass(frozen=True)
class Term:
    """A topic, region or unit as a document needs it: slug, and its name in each language."""

    slug: str
    names: dict[str, str]
    fallback: str

    @classmethod
    def of(cls, instance: Any) -> "Term":
        names = {
            code: getattr(instance, build_localized_fieldname("name", code)) for code in languages()
        }
        return cls(
            instance.slug, {code: name for code, name in names.items() if name}, instance.name
        )

    def name(self, language: str) -> str:
        """The name in ``language``, or in the frame's fallback order (``content.frame``)."""
        found = (self.names.get(code) for code in fallback_order(language))
        return next((name for name in found if name), self.fallback)

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


def _terms(
    through: Any, owner: str, related: str, page_ids: Sequence[int]
) -> dict[int, list[Term]]:
    names = {code: f"{related}__{build_localized_fieldname('name', code)}" for code in languages()}
    rows = (
        through.objects.filter(**{f"{owner}_id__in": page_ids})
        .order_by("pk")
        .values(f"{owner}_id", f"{related}__slug", f"{related}__name", *names.values())
    )
    found: dict[int, list[Term]] = defaultdict(list)
    for row in rows:
        term = Term(
            slug=row[f"{related}__slug"],
            names={code: row[column] for code, column in names.items() if row[column]},
            fallback=row[f"{related}__name"],
        )
        found[row[f"{owner}_id"]].append(term)
    return found


def _bodies(published: dict[str, set[int]]) -> Rendered:
    """Each published body as plain text, read as stored, and as HTML for partners.

    The HTML keeps root-relative links: feeds add the host of the site the reader asked.
    Bodies rendered before, with nothing they read changed since, are not rendered again.
    """
    stored: dict[tuple[int, str], tuple[str, list[Any]]] = {}
    for language, page_ids in published.items():
        column = build_localized_fieldname("body", language)
        for page_id, body in ArticlePage.objects.filter(pk__in=page_ids).values_list(
            "pk", Cast(column, TextField())
        ):
            stored[page_id, language] = (body or "", json.loads(body) if body else [])
    cited_ids: set[int] = set().union(*(cited_document_ids(raw) for _text, raw in stored.values()))
    documents = list(OfficialDocument.objects.filter(pk__in=cited_ids)) if cited_ids else []
    cited = {
        language: {
            document.pk: (
                document.number,
                getattr(document, build_localized_fieldname("title", language)) or document.title,
            )
            for document in documents
        }
        for language in published
    }
    return render_bodies(stored, cited)


def load_facts(
    pages: Sequence[ArticlePage], published: dict[str, set[int]], urls: StoryUrls
) -> dict[int, StoryFacts]:
    """Units, topics, regions, tags, bylines, documents and bodies of many stories.

    Plain values rather than model instances, in a few queries: indexing thousands of
    stories spends its time building objects otherwise.
    """
    page_ids = [page.pk for page in pages]
    lead_units = {page.pk: page.lead_unit for page in pages if page.lead_unit_id}
    coordinating = _terms(
        ArticlePage.coordinating_units.through, "articlepage", "ministryunit", page_ids
    )
    topics = _terms(ArticlePage.topics.through, "articlepage", "topic", page_ids)
    regions = _terms(ArticlePage.regions.through, "articlepage", "region", page_ids)
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
    documents: dict[int, list[OfficialDocument]] = defaultdict(list)
    for link in ArticlePage.documents.through.objects.filter(
        articlepage_id__in=page_ids
    ).select_related("officialdocument"):
        documents[link.articlepage_id].append(link.officialdocument)
    bodies = _bodies(published)

    relations = {}
    for page_id in page_ids:
        lead = lead_units.get(page_id)
        lead_term = [Term.of(lead)] if lead else []
        relations[page_id] = StoryFacts(
            units=lead_term + coordinating[page_id],
            topics=topics[page_id],
            regions=regions[page_id],
            tags=tags[page_id],
            tag_slugs=tag_slugs[page_id],
            authors=authors[page_id],
            documents=documents[page_id],
            body_texts=bodies.texts[page_id],
            body_html=bodies.html[page_id],
        )
    return relations
