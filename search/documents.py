"""The search index of articles: one index per language, behind an alias, and its documents.

Each language gets its own index so that each can have its own analysis (see
``search.analysis`` and docs/search-index.md). Readers query the alias ``<prefix>-<lang>``;
a rebuild writes a new versioned index and swaps the alias.
"""

import json
import mimetypes
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import override
from elasticsearch.dsl import Date, Document, Index, Keyword, Object, Text
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from content.models import ArticleByline, ArticlePage, ArticleTag, OfficialDocument
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
from search.partner_html import partner_body_html


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def alias_name(language: str) -> str:
    return f"{settings.NEWSROOM_SEARCH['index_prefix']}-{language}"


def versioned_index_name(language: str, version: datetime) -> str:
    return f"{alias_name(language)}-{version:%Y%m%d%H%M%S%f}"


# A rendition for feeds: large enough to republish, and one file a partner can fetch.
FEED_IMAGE_SPEC = "width-1200"
# Namespace of stories' permanent ids, which survive edits, moves and slug changes.
STORY_ID_NAMESPACE = uuid.UUID("6f1d7c52-8f0e-4a8c-9f51-2b3a0c1e4d77")


def story_uid(translation_key: uuid.UUID, language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(STORY_ID_NAMESPACE, f'{translation_key}/{language}')}"


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
    tag_slugs: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    documents: list[OfficialDocument] = field(default_factory=list)
    body_texts: dict[str, str] = field(default_factory=dict)  # language -> plain text
    body_html: dict[str, str] = field(default_factory=dict)  # language -> HTML for partners

    @property
    def document_numbers(self) -> list[str]:
        return [document.number for document in self.documents]


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


@dataclass
class Bodies:
    texts: dict[int, dict[str, str]]
    html: dict[int, dict[str, str]]


def _bodies(published: dict[str, set[int]], base_urls: dict[int, str]) -> Bodies:
    """Each published body as plain text, read as stored, and as HTML for partners."""
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
    stream_block = ArticlePage._meta.get_field("body").stream_block
    texts, html = defaultdict(dict), defaultdict(dict)
    for (page_id, language), body in raw.items():
        title = build_localized_fieldname("title", language)
        cited_texts = {
            pk: (document.number, getattr(document, title) or document.title)
            for pk, document in documents.items()
        }
        texts[page_id][language] = plain_text(body, cited_texts)
        html[page_id][language] = partner_body_html(
            stream_block, body, language, base_urls.get(page_id, "")
        )
    return Bodies(texts, html)


def load_facts(pages, published: dict[str, set[int]], urls: "StoryUrls") -> dict[int, StoryFacts]:
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
    tags, tag_slugs = defaultdict(list), defaultdict(list)
    for page_id, tag, slug in ArticleTag.objects.filter(content_object_id__in=page_ids).values_list(
        "content_object_id", "tag__name", "tag__slug"
    ):
        tags[page_id].append(tag)
        tag_slugs[page_id].append(slug)
    authors = defaultdict(list)
    for page_id, name in (
        ArticleByline.objects.filter(page_id__in=page_ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "author__name")
    ):
        authors[page_id].append(name)
    documents = defaultdict(list)
    for link in ArticlePage.documents.through.objects.filter(
        articlepage_id__in=page_ids
    ).select_related("officialdocument"):
        documents[link.articlepage_id].append(link.officialdocument)
    bodies = _bodies(published, {page.pk: urls.root_url(page) for page in pages})

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

    def root_url(self, page) -> str:
        return next((url for root, url in self.sites if page.path.startswith(root.path)), "")

    def path(self, page, language: str) -> str:
        """The page's URL in ``language`` without scheme and host; "" outside every site."""
        url_path = build_localized_fieldname("url_path", language)
        for root, _root_url in self.sites:
            if page.path.startswith(root.path):
                page_path = getattr(page, url_path) or page.url_path
                root_path = getattr(root, url_path) or root.url_path
                return self.language_prefix(language) + page_path[len(root_path) :]
        return ""

    def url(self, page, language: str) -> str:
        path = self.path(page, language)
        return self.root_url(page) + path if path else ""


def article_document(
    page: ArticlePage, language: str, section, urls: StoryUrls, facts: StoryFacts
) -> dict:
    """The indexed form of ``page`` in ``language``: what search results and feeds show."""

    def localized(instance, field):
        return getattr(instance, build_localized_fieldname(field, language)) or ""

    units, topics, regions = facts.units, facts.topics, facts.regions
    url = urls.url(page, language)
    section_title = (localized(section, "title") or section.title) if section else ""
    image_url, hero = "", None
    if page.hero_image:
        image_url = page.hero_image.get_rendition(LISTING_IMAGE_SPEC).full_url
        hero = _hero(page, language)
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


def _hero(page: ArticlePage, language: str) -> dict:
    """The hero image as feeds enclose it: a real rendition with its size and type."""
    rendition = page.hero_image.get_rendition(FEED_IMAGE_SPEC)
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    return {
        "url": rendition.full_url,
        "width": rendition.width,
        "height": rendition.height,
        "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
        "length": length,
        "alt": getattr(page, build_localized_fieldname("hero_alt_text", language)) or "",
        "caption": getattr(page, build_localized_fieldname("hero_caption", language)) or "",
        "credit": page.hero_credit,
    }


def _cited(document: OfficialDocument, language: str) -> dict:
    with override(language):
        kind = str(document.get_kind_display())
    return {
        "number": document.number,
        "kind": kind,
        "title": getattr(document, build_localized_fieldname("title", language)) or document.title,
        "issuing_body": document.issuing_body,
        "date_signed": document.date_signed.isoformat(),
    }
