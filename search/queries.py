"""Reader search: Elasticsearch queries per language, and the database as a fallback.

Readers' words are matched as words: no query-string syntax they type ever reaches
Elasticsearch. When Elasticsearch is not configured the site searches the database; when
it is configured but does not answer, the result says so, and the page shows a notice.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch.dsl import A, Q, Search
from modeltranslation.utils import build_localized_fieldname

from content.models import ArticlePage, SectionPage
from content.models.querysets import LISTING_IMAGE_SPEC
from search.analysis import LANGUAGE_ANALYSIS
from search.client import (
    READ_ERRORS,
    SearchUnavailable,
    read_failure,
    search_client,
    search_is_configured,
)
from search.documents import alias_name

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_PAGE = 100  # Elasticsearch pages at most 10,000 hits deep
FACET_SIZE = 30
AUTOCOMPLETE_SIZE = 8
RELATED_SIZE = 4

# Words, with the inner slashes, dots and hyphens of document numbers such as 2387/QD-BCT.
SEARCH_TERM = re.compile(r"\w+(?:[/.\-]\w+)*")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, without any search-engine syntax, at a sane length."""
    words = SEARCH_TERM.findall((raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class SearchRequest:
    language: str
    query: str = ""
    section: str | None = None
    topic: str | None = None
    unit: str | None = None
    region: str | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    facets: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass
class Hit:
    page_id: int
    title: SafeString
    snippet: SafeString
    url: str
    kind: str
    publication_date: datetime | None
    section: str = ""
    image_url: str = ""
    image_alt: str = ""


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False
    url: str = ""  # the results with this value's filter toggled


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    request: SearchRequest
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    degraded: bool = False  # Elasticsearch was configured but did not answer

    @property
    def page_count(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1


# Query building ------------------------------------------------------------------------


def _text_fields(language: str, boosts=(("title", 4), ("standfirst", 2), ("body", 1))):
    main = [f"{name}^{boost}" for name, boost in boosts]
    folded = (
        [f"{name}.folded^{boost}" for name, boost in boosts]
        if LANGUAGE_ANALYSIS[language].folds
        else []
    )
    return main, folded


def text_query(language: str, query: str) -> Q:
    """Stories whose words match the query's, in the language's own analysis or folded.

    Text with the exact diacritics matches both the main and the folded fields, so it ranks
    above text that only matches once accents are removed.
    """
    main, folded = _text_fields(language)
    enough_words = "3<75%"
    clauses = [
        Q("combined_fields", query=query, fields=main, minimum_should_match=enough_words),
        Q("match_phrase", title={"query": query, "boost": 3}),
        Q("match", **{"document_numbers.whole": {"query": query, "boost": 8}}),
        Q("match", **{"document_numbers.parts": {"query": query, "operator": "and", "boost": 2}}),
        Q(
            "multi_match",
            query=query,
            fields=["topic_names^2", "unit_names^2", "region_names^2", "tags.text^2"],
            operator="and",
        ),
    ]
    if folded:
        clauses.append(
            Q("combined_fields", query=query, fields=folded, minimum_should_match=enough_words)
        )
    return Q("bool", should=clauses, minimum_should_match=1)


def readable_filter(now: datetime | None = None) -> Q:
    """Stories whose publication date (an embargo moves it) has come."""
    return Q("range", publication_date={"lte": (now or timezone.now()).isoformat()})


def _filters(request: SearchRequest) -> list[Q]:
    filters = [readable_filter()]
    for name, value in (
        ("section", request.section),
        ("topics", request.topic),
        ("units", request.unit),
        ("regions", request.region),
    ):
        if value:
            filters.append(Q("term", **{name: value}))
    bounds = {}
    if request.year:
        bounds["gte"] = f"{request.year}-01-01"
        bounds["lt"] = f"{request.year + 1}-01-01"
    if request.date_from:
        bounds["gte"] = max(bounds.get("gte", ""), request.date_from.isoformat())
    if request.date_to:
        end = datetime.combine(request.date_to, time.max).isoformat()
        bounds["lte"] = end
    if bounds:
        filters.append(Q("range", publication_date=bounds))
    return filters


FACETS = {
    "section": "section_label",
    "topic": "topics_labels",
    "unit": "units_labels",
    "region": "regions_labels",
}


def build_search(request: SearchRequest, client=None) -> Search:
    search = Search(using=client, index=alias_name(request.language))
    if request.query:
        search = search.query(
            Q("bool", must=[text_query(request.language, request.query)], filter=_filters(request))
        )
    else:
        search = search.query(Q("bool", filter=_filters(request)))
    if request.sort == "date" or not request.query:
        search = search.sort({"publication_date": "desc"})
    else:
        search = search.sort("_score", {"publication_date": "desc"})
    if request.facets:
        for name, field_name in FACETS.items():
            search.aggs.bucket(name, A("terms", field=field_name, size=FACET_SIZE))
        search.aggs.bucket(
            "year",
            A(
                "date_histogram",
                field="publication_date",
                calendar_interval="year",
                min_doc_count=1,
            ),
        )
    if request.query:
        search = (
            search.highlight_options(
                encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=180
            )
            .highlight("title", "title.folded", number_of_fragments=0)
            .highlight(
                "standfirst", "standfirst.folded", "body", "body.folded", number_of_fragments=2
            )
        )
        search = search.suggest(
            "did_you_mean",
            request.query,
            phrase={
                "field": "suggest_text",
                "size": 1,
                "gram_size": 3,
                "max_errors": 2,
                "direct_generator": [{"field": "suggest_text", "suggest_mode": "always"}],
            },
        )
    return search.extra(track_total_hits=True)[request.offset : request.offset + PAGE_SIZE]


# Running searches ----------------------------------------------------------------------


def _highlight(hit, *names) -> str:
    """The first highlighted field among ``names``, its fragments joined."""
    highlight = hit.meta.highlight.to_dict() if "highlight" in hit.meta else {}
    for name in names:
        if highlight.get(name):
            return " … ".join(highlight[name])
    return ""


def _hit(hit) -> Hit:
    source = hit.to_dict()
    title = _highlight(hit, "title", "title.folded") or escape(source.get("title", ""))
    snippet = _highlight(hit, "standfirst", "standfirst.folded", "body", "body.folded") or escape(
        source.get("standfirst", "")
    )
    published = source.get("publication_date")
    return Hit(
        page_id=int(source["page_id"]),
        title=mark_safe(title),
        snippet=mark_safe(snippet),
        url=source.get("url", ""),
        kind=source.get("kind", ""),
        publication_date=published if isinstance(published, datetime) else None,
        section=source.get("section_label", "|").split("|", 1)[-1],
        image_url=source.get("image_url", ""),
        image_alt=source.get("image_alt", ""),
    )


def _facets(response, request: SearchRequest) -> dict[str, list[FacetValue]]:
    facets = {}
    for name in FACETS:
        selected = getattr(request, name)
        values = []
        for bucket in response.aggregations[name].buckets:
            key, _sep, label = bucket.key.partition("|")
            values.append(FacetValue(key, label or key, bucket.doc_count, key == selected))
        facets[name] = values
    facets["year"] = [
        FacetValue(
            str(bucket.key_as_string[:4]),
            str(bucket.key_as_string[:4]),
            bucket.doc_count,
            str(request.year) == bucket.key_as_string[:4],
        )
        for bucket in reversed(response.aggregations.year.buckets)
    ]
    return facets


def _suggestion(response, request: SearchRequest, total: int) -> str:
    if not request.query or total >= 3:
        return ""
    options = response.suggest.did_you_mean[0].options if "suggest" in response else []
    if options and options[0].text.lower() != request.query.lower():
        return options[0].text
    return ""


def elasticsearch_search(request: SearchRequest) -> SearchResult:
    """Raises ``SearchUnavailable`` when the node is not configured or does not answer."""
    client = search_client()
    try:
        response = build_search(request, client).execute()
    except READ_ERRORS as error:
        raise read_failure(error) from error
    total = response.hits.total.value
    return SearchResult(
        hits=[_hit(hit) for hit in response],
        total=total,
        request=request,
        facets=_facets(response, request) if request.facets else {},
        suggestion=_suggestion(response, request, total),
    )


def database_search(request: SearchRequest, degraded: bool = False) -> SearchResult:
    """The same search on the database: text match, filters and dates, without facets."""
    stories = ArticlePage.objects.readable_in(request.language)
    if request.section:
        stories = stories.filter(path__startswith=_section_path(request.section))
    stories = stories.about(topic=request.topic, region=request.region, unit=request.unit)
    if request.year:
        stories = stories.filter(publication_date__year=request.year)
    if request.date_from:
        stories = stories.filter(publication_date__date__gte=request.date_from)
    if request.date_to:
        stories = stories.filter(publication_date__date__lte=request.date_to)
    # Search backends filter only on indexed fields, so select the matching stories first.
    found = ArticlePage.objects.filter(pk__in=stories.values("pk")).for_listing()
    by_relevance = bool(request.query) and request.sort != "date"
    if not by_relevance:
        found = found.newest_first()
    if request.query:
        found = found.search(request.query, operator="and", order_by_relevance=by_relevance)
    total = found.count()
    pages = list(found[request.offset : request.offset + PAGE_SIZE])
    return SearchResult(
        hits=[_hit_from_page(page, request.language) for page in pages],
        total=total,
        request=request,
        degraded=degraded,
    )


def _section_path(section_id: str) -> str:
    section = SectionPage.objects.filter(pk=section_id).only("path").first()
    return section.path if section else "-"


def _hit_from_page(page: ArticlePage, language: str) -> Hit:
    def localized(name):
        return getattr(page, build_localized_fieldname(name, language)) or ""

    image_url = ""
    if page.hero_image:
        image_url = page.hero_image.get_rendition(LISTING_IMAGE_SPEC).url
    return Hit(
        page_id=page.pk,
        title=escape(localized("title")),
        snippet=escape(localized("standfirst")),
        url=page.get_url(),
        kind=page.kind,
        publication_date=page.publication_date,
        image_url=image_url,
        image_alt=localized("hero_alt_text"),
    )


def search_articles(request: SearchRequest) -> SearchResult:
    """Elasticsearch when configured; the database otherwise, flagged if it was a fallback."""
    try:
        return elasticsearch_search(request)
    except SearchUnavailable:
        return database_search(request, degraded=search_is_configured())


# Autocomplete and related stories ------------------------------------------------------


@dataclass
class TitleSuggestion:
    title: str
    url: str


def title_suggestions(language: str, prefix: str) -> list[TitleSuggestion]:
    """Titles that start words with what the reader has typed so far."""
    try:
        client = search_client()
        search = (
            Search(using=client, index=alias_name(language))
            .query(
                Q(
                    "bool",
                    must=[
                        Q("match", **{"title.autocomplete": {"query": prefix, "operator": "and"}})
                    ],
                    filter=[readable_filter()],
                )
            )
            .source(["title", "url"])[:AUTOCOMPLETE_SIZE]
        )
        try:
            response = search.execute()
        except READ_ERRORS as error:
            raise read_failure(error) from error
        return [TitleSuggestion(hit.title, hit.url) for hit in response]
    except SearchUnavailable:
        title = build_localized_fieldname("title", language)
        stories = ArticlePage.objects.readable_in(language).filter(
            **{f"{title}__icontains": prefix}
        )
        return [
            TitleSuggestion(getattr(story, title), story.get_url())
            for story in stories.newest_first()[:AUTOCOMPLETE_SIZE]
        ]


def related_articles(page: ArticlePage, language: str) -> list[Hit]:
    """Stories like this one, by their words; by shared topics when search is away."""
    try:
        client = search_client()
        search = Search(using=client, index=alias_name(language)).query(
            Q(
                "bool",
                must=[
                    Q(
                        "more_like_this",
                        fields=["title", "standfirst", "body", "topic_names"],
                        like=[{"_index": alias_name(language), "_id": str(page.pk)}],
                        min_term_freq=1,
                        min_doc_freq=1,
                        max_query_terms=30,
                    )
                ],
                filter=[readable_filter()],
            )
        )[:RELATED_SIZE]
        try:
            return [_hit(hit) for hit in search.execute()]
        except READ_ERRORS as error:
            raise read_failure(error) from error
    except SearchUnavailable:
        stories = (
            ArticlePage.objects.readable_in(language)
            .filter(topics__in=page.topics.all())
            .exclude(pk=page.pk)
            .distinct()
            .newest_first()
            .for_listing()[:RELATED_SIZE]
        )
        return [_hit_from_page(story, language) for story in stories]
