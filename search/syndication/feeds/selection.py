"""Which stories a feed carries: a selection of one language's index, newest first.

A feed is a query. It runs on Elasticsearch; when the node does not answer, the same
selection runs on the database and builds the same documents.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q as DbQ
from django.utils import timezone
from django.utils.translation import override
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

from content.models import ArticlePage, SectionPage, localized_slug_q
from search.index import (
    READ_ERRORS,
    SearchUnavailable,
    alias_name,
    read_failure,
    search_client,
    search_is_configured,
    story_sources,
)
from search.reader import readable_filter, text_matches, text_query
from search.syndication.feeds.items import FeedItem

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Partners' systems ingest documents, not search indexes: what they never need stays home.
NOT_FOR_FEEDS = ["body", "suggest_text", "unit_names", "topic_names", "region_names"]


class FeedKind:
    """The kinds of selection a feed may be: everything, a section, a term, a tag, a search."""

    ALL = "all"
    SECTION = "sections"
    TOPIC = "topics"
    UNIT = "units"
    REGION = "regions"
    TAG = "tags"
    SEARCH = "search"

    # The index field each kind filters on.
    FIELDS = {
        SECTION: "section_slug",
        TOPIC: "topics",
        UNIT: "units",
        REGION: "regions",
        TAG: "tag_slugs",
    }


# The database fallback's filter (``ArticlePageQuerySet.about``) for each kind of term.
TERM_FILTERS = {
    FeedKind.TOPIC: "topic",
    FeedKind.REGION: "region",
    FeedKind.UNIT: "unit",
    FeedKind.TAG: "tag",
}


@dataclass(frozen=True)
class FeedAccess:
    """What the reader of a feed may have: the public's, or what a partner's token grants."""

    full_text: bool = False
    embargoed: bool = False
    partner_id: int | None = None

    @property
    def level(self) -> str:
        return f"full={int(self.full_text)},embargoed={int(self.embargoed)}"


@dataclass(frozen=True)
class FeedSelection:
    """Which stories a feed carries: a language, a kind and its slug or query, and how many."""

    language: str
    kind: str = FeedKind.ALL
    slug: str = ""
    query: str = ""
    limit: int = DEFAULT_LIMIT

    @property
    def key(self) -> str:
        return f"{self.language}|{self.kind}|{self.slug}|{self.query}|{self.limit}"


@dataclass
class FeedStories:
    """The stories of a feed, and when the selection next changes by itself."""

    items: list[FeedItem]
    # The next moment the selection changes without any edit: a story's publication
    # date or an embargo is reached. Cached feeds must not outlive it.
    next_change: datetime | None
    degraded: bool = False


def visibility_filter(access: FeedAccess, now: datetime) -> Query:
    public = readable_filter(now)
    if not access.embargoed:
        return public
    embargoed = Q("range", embargoed_until={"gt": now.isoformat()})
    return Q("bool", should=[public, embargoed], minimum_should_match=1)


def feed_search(
    selection: FeedSelection,
    access: FeedAccess,
    now: datetime,
    client: Elasticsearch | None = None,
) -> Search:
    """The search of a feed's selection, with when it next changes by itself."""
    filters = [visibility_filter(access, now)]
    if selection.kind in FeedKind.FIELDS:
        filters.append(Q("term", **{FeedKind.FIELDS[selection.kind]: selection.slug}))
    must = [text_query(selection.language, selection.query)] if selection.query else []
    excluded = NOT_FOR_FEEDS if access.full_text else [*NOT_FOR_FEEDS, "body_html"]
    search = (
        Search(using=client, index=alias_name(selection.language))
        .query(Q("bool", must=must, filter=filters))
        .sort({"publication_date": {"order": "desc"}}, {"last_published_at": {"order": "desc"}})
        .source(excludes=excluded)
        .extra(track_total_hits=False)[: selection.limit]
    )
    upcoming = {"publication_date": {"gt": now.isoformat()}}
    search.aggs.bucket("upcoming", A("filter", range=upcoming)).metric(
        "first", A("min", field="publication_date")
    )
    lifting = {"embargoed_until": {"gt": now.isoformat()}}
    search.aggs.bucket("lifting", A("filter", range=lifting)).metric(
        "first", A("min", field="embargoed_until")
    )
    return search


def _first(aggregation) -> datetime | None:
    value = aggregation.first.value
    return datetime.fromtimestamp(value / 1000, tz=UTC) if value else None


def elasticsearch_stories(
    selection: FeedSelection, access: FeedAccess, now: datetime
) -> FeedStories:
    """The selection from the index; ``SearchUnavailable`` when the node does not answer."""
    try:
        response = feed_search(selection, access, now, search_client()).execute()
    except READ_ERRORS as error:
        raise read_failure(error) from error
    items = [FeedItem.from_document(hit.to_dict(), now, access.full_text) for hit in response]
    boundaries = [
        moment
        for moment in (
            _first(response.aggregations.upcoming),
            _first(response.aggregations.lifting),
        )
        if moment
    ]
    return FeedStories(items, min(boundaries, default=None))


def database_stories(
    selection: FeedSelection, access: FeedAccess, now: datetime, degraded: bool = True
) -> FeedStories:
    """The same selection on the database, for when the node is away."""
    stories = ArticlePage.objects.published_in(selection.language)
    visible = DbQ(publication_date__lte=now)
    if access.embargoed:
        visible |= DbQ(embargoed_until__gt=now)
    stories = stories.filter(visible)
    if selection.kind == FeedKind.SECTION:
        with override(selection.language):
            section = SectionPage.objects.filter(localized_slug_q(selection.slug)).first()
        stories = stories.descendant_of(section) if section else stories.none()
    elif selection.kind in TERM_FILTERS:
        stories = stories.about(**{TERM_FILTERS[selection.kind]: selection.slug})
    found: Any = ArticlePage.objects.filter(pk__in=stories.values("pk")).order_by(
        "-publication_date", "-last_published_at"
    )
    if selection.query:
        # Wagtail's database backend, never Elasticsearch: the node is away.
        found = text_matches(found, selection.language, selection.query, by_relevance=False)
    page_ids = [page.pk for page in found[: selection.limit]]
    sources = story_sources(page_ids, selection.language)
    items = [
        FeedItem.from_document(sources[pk], now, access.full_text)
        for pk in page_ids
        if pk in sources
    ]
    upcoming = (
        ArticlePage.objects.published_in(selection.language)
        .filter(publication_date__gt=now)
        .order_by("publication_date")
        .values_list("publication_date", flat=True)
        .first()
    )
    return FeedStories(items, upcoming, degraded=degraded)


def feed_stories(selection: FeedSelection, access: FeedAccess) -> FeedStories:
    """The stories of a selection: from the index, or the database when the node is away."""
    now = timezone.now()
    try:
        return elasticsearch_stories(selection, access, now)
    except SearchUnavailable:
        return database_stories(selection, access, now, degraded=search_is_configured())
