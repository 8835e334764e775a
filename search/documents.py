"""The search index of articles: one index per language, behind an alias, and its documents.

Each language gets its own index so that each can have its own analysis (see
``search.analysis`` and docs/search-index.md). Readers query the alias ``<prefix>-<lang>``;
a rebuild writes a new versioned index and swaps the alias.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import override
from elasticsearch.dsl import Date, Document, Index, Keyword, Text
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from content.models import ArticlePage, ArticleTag, OfficialDocument
from content.models.querysets import LISTING_IMAGE_SPEC
from content.plain_text import cited_document_ids, plain_text
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


class ArticleDocument(Document):
    """The fields every language's index shares; ``article_document_class`` adds the text."""

    page_id = Keyword()
    revision_id = Keyword()
    language = Keyword()
    url = Keyword(index=False)
    image_url = Keyword(index=False)
    image_alt = Keyword(index=False)
    kind = Keyword()
    section = Keyword()
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
    publication_date = Date()
    last_published_at = Date()


@cache
def article_document_class(language: str) -> type[ArticleDocument]:
    """The document of one language: its text fields analysed the way that language needs."""
    text = text_analyzer(language)
    autocomplete, autocomplete_query = autocomplete_analyzers(language)
    subfields = (
        {"folded": Text(analyzer=folded_analyzer())} if LANGUAGE_ANALYSIS[language].folds else {}
    )

    def prose(**extra):
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
    index = Index(name)
    index.settings(
        number_of_shards=1,
        number_of_replicas=settings.NEWSROOM_SEARCH["replicas"],
        max_ngram_diff=20,
    )
    index.document(article_document_class(language))
    return index


@dataclass(frozen=True)
class Term:
    """A topic, region or unit as a document needs it: slug, and its name in each language."""

    slug: str
    names: dict[str, str]
    fallback: str

    @classmethod
    def of(cls, instance) -> "Term":
        names = {
            code: getattr(instance, build_localized_fieldname("name", code)) for code in languages()
        }
        return cls(
            instance.slug, {code: name for code, name in names.items() if name}, instance.name
        )

    def name(self, language: str) -> str:
        return self.names.get(language) or self.fallback

    def label(self, language: str) -> str:
        """``slug|name``: facets carry their display name, so results need no database lookup."""
        return f"{self.slug}|{self.name(language)}"


@dataclass
class StoryFacts:
    """What a story's documents need besides the page's own row, loaded for many at once."""

    units: list[Term] = field(default_factory=list)
    topics: list[Term] = field(default_factory=list)
    regions: list[Term] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    document_numbers: list[str] = field(default_factory=list)
    body_texts: dict[str, str] = field(default_factory=dict)  # language -> plain text


def _terms(through, owner: str, related: str, page_ids) -> dict[int, list[Term]]:
    names = {code: f"{related}__{build_localized_fieldname('name', code)}" for code in languages()}
    rows = (
        through.objects.filter(**{f"{owner}_id__in": page_ids})
        .order_by("pk")
        .values(f"{owner}_id", f"{related}__slug", f"{related}__name", *names.values())
    )
    found = defaultdict(list)
    for row in rows:
        term = Term(
            slug=row[f"{related}__slug"],
            names={code: row[column] for code, column in names.items() if row[column]},
            fallback=row[f"{related}__name"],
        )
        found[row[f"{owner}_id"]].append(term)
    return found


def _body_texts(published: dict[str, set[int]]) -> dict[int, dict[str, str]]:
    """Plain text of each published body, read as stored: no block values are built."""
    raw = {}
    for language, page_ids in published.items():
        column = build_localized_fieldname("body", language)
        for page_id, body in ArticlePage.objects.filter(pk__in=page_ids).values_list(
            "pk", Cast(column, TextField())
        ):
            raw[page_id, language] = json.loads(body) if body else []
    cited = set().union(*(cited_document_ids(body) for body in raw.values()))
    documents = {
        document.pk: document for document in OfficialDocument.objects.filter(pk__in=cited)
    }
    texts = defaultdict(dict)
    for (page_id, language), body in raw.items():
        title = build_localized_fieldname("title", language)
        cited_texts = {
            pk: (document.number, getattr(document, title) or document.title)
            for pk, document in documents.items()
        }
        texts[page_id][language] = plain_text(body, cited_texts)
    return texts


def load_facts(pages, published: dict[str, set[int]]) -> dict[int, StoryFacts]:
    """Units, topics, regions, tags, document numbers and body texts of many stories.

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
    tags = defaultdict(list)
    for page_id, tag in ArticleTag.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag__name"
    ):
        tags[page_id].append(tag)
    numbers = defaultdict(list)
    for page_id, number in ArticlePage.documents.through.objects.filter(
        articlepage_id__in=page_ids
    ).values_list("articlepage_id", "officialdocument__number"):
        numbers[page_id].append(number)
    bodies = _body_texts(published)

    relations = {}
    for page_id in page_ids:
        lead = lead_units.get(page_id)
        lead_term = [Term.of(lead)] if lead else []
        relations[page_id] = StoryFacts(
            units=lead_term + coordinating[page_id],
            topics=topics[page_id],
            regions=regions[page_id],
            tags=tags[page_id],
            document_numbers=numbers[page_id],
            body_texts=bodies[page_id],
        )
    return relations


class StoryUrls:
    """Absolute URLs of stories in each language, as Wagtail builds them, for many stories.

    ``Page.get_full_url`` looks up the site and reverses the URL for every page; indexing
    thousands of stories looks the sites and each language's prefix up once instead.
    """

    def __init__(self):
        self.sites = [
            (site.root_page, site.root_url) for site in Site.objects.select_related("root_page")
        ]
        self.prefixes = {}

    def language_prefix(self, language: str) -> str:
        if language not in self.prefixes:
            with override(language):
                self.prefixes[language] = reverse("wagtail_serve", args=[""])
        return self.prefixes[language]

    def url(self, page, language: str) -> str:
        url_path = build_localized_fieldname("url_path", language)
        for root, root_url in self.sites:
            if page.path.startswith(root.path):
                page_path = getattr(page, url_path) or page.url_path
                root_path = getattr(root, url_path) or root.url_path
                return root_url + self.language_prefix(language) + page_path[len(root_path) :]
        return ""


def article_document(
    page: ArticlePage, language: str, section, urls: StoryUrls, facts: StoryFacts
) -> dict:
    """The indexed form of ``page`` in ``language``: what search results and feeds show."""

    def localized(instance, field):
        return getattr(instance, build_localized_fieldname(field, language)) or ""

    units, topics, regions = facts.units, facts.topics, facts.regions
    url = urls.url(page, language)
    section_title = (localized(section, "title") or section.title) if section else ""
    image_url = ""
    if page.hero_image:
        image_url = page.hero_image.get_rendition(LISTING_IMAGE_SPEC).full_url
    return {
        "page_id": str(page.pk),
        "revision_id": str(page.live_revision_id or ""),
        "language": language,
        "url": url,
        "image_url": image_url,
        "image_alt": localized(page, "hero_alt_text"),
        "title": localized(page, "title"),
        "standfirst": localized(page, "standfirst"),
        "body": facts.body_texts.get(language, ""),
        "kind": page.kind,
        "section": str(section.pk) if section else "",
        "section_label": f"{section.pk}|{section_title}" if section else "",
        "topics": [t.slug for t in topics],
        "topics_labels": [t.label(language) for t in topics],
        "topic_names": [t.name(language) for t in topics],
        "units": [u.slug for u in units],
        "units_labels": [u.label(language) for u in units],
        "unit_names": [u.name(language) for u in units],
        "regions": [r.slug for r in regions],
        "regions_labels": [r.label(language) for r in regions],
        "region_names": [r.name(language) for r in regions],
        "tags": facts.tags,
        "document_numbers": facts.document_numbers,
        "publication_date": page.publication_date,
        "last_published_at": page.last_published_at,
    }
