"""Reader search: the Elasticsearch query of a reader's request, and the database as a fallback.

When Elasticsearch is not configured the site searches the database; when it is configured
but does not answer, the result says so, and the page shows a notice.
"""

from datetime import datetime, time
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.document_base import InstrumentedField
from elasticsearch.dsl.query import Query

from search.index import (
    READ_ERRORS,
    SearchUnavailable,
    alias_name,
    read_failure,
    search_client,
    search_is_configured,
)
from search.reader.fallback import database_search
from search.reader.matching import both_ways, readable_filter, text_query
from search.reader.results import PAGE_SIZE, FacetValue, Hit, SearchRequest, SearchResult
from search.reader.suggestions import did_you_mean, with_did_you_mean

FACET_SIZE = 30
# What a hit shows (``hit_from_document``): a story's document also holds its body twice
# (text and HTML, for full-text feeds), most of its size, which no result page reads.
HIT_FIELDS: list[str | InstrumentedField] = [
    "page_id",
    "language",
    "title",
    "standfirst",
    "url",
    "kind",
    "publication_date",
    "section_label",
    "image_url",
    "image_alt",
]
FACETS = {
    "section": "section_label",
    "topic": "topics_labels",
    "unit": "units_labels",
    "region": "regions_labels",
}


def _filters(request: SearchRequest) -> list[Query]:
    filters = [readable_filter()]
    for name, value in (
        ("section", request.section),
        ("topics", request.topic),
        ("units", request.unit),
        ("regions", request.region),
    ):
        if value:
            filters.append(Q("term", **{name: value}))
    bounds: dict[str, str] = {}
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


def build_search(request: SearchRequest, client: Elasticsearch | None = None) -> Search:
    """The Elasticsearch search of one request: query, filters, sort, facets and highlights."""
    search = Search(using=client, index=alias_name(request.language)).source(HIT_FIELDS)
    if request.query:
        search = search.query(
            Q("bool", must=[text_query(request.language, request.query)], filter=_filters(request))
        )
    else:
        search = search.query(Q("bool", filter=_filters(request)))
    if request.sort == "date" or not request.query:
        search = search.sort({"publication_date": {"order": "desc"}})
    else:
        search = search.sort("_score", {"publication_date": {"order": "desc"}})
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
            .highlight(*both_ways(request.language, "title"), number_of_fragments=0)
            .highlight(*both_ways(request.language, "standfirst", "body"), number_of_fragments=2)
        )
        search = with_did_you_mean(search, request.query)
    return search.extra(track_total_hits=True)[request.offset : request.offset + PAGE_SIZE]


def _highlight(hit: Any, *names: str) -> str:
    """The first highlighted field among ``names``, its fragments joined."""
    highlight = hit.meta.highlight.to_dict() if "highlight" in hit.meta else {}
    for name in names:
        if highlight.get(name):
            return " … ".join(highlight[name])
    return ""


def hit_from_document(hit: Any) -> Hit:
    """A hit read from a story's search document, the reader's words marked."""
    source = hit.to_dict()
    language = source.get("language", "")
    title = _highlight(hit, *both_ways(language, "title")) or escape(source.get("title", ""))
    snippet = _highlight(hit, *both_ways(language, "standfirst", "body")) or escape(
        source.get("standfirst", "")
    )
    published = source.get("publication_date")
    if isinstance(published, str):  # a document read without its mapping: ISO 8601 text
        published = parse_datetime(published)
    return Hit(
        page_id=int(source["page_id"]),
        # The highlighter's encoder="html" escaped the text around the <mark> tags.
        title=mark_safe(title),  # noqa: S308
        snippet=mark_safe(snippet),  # noqa: S308
        url=source.get("url", ""),
        kind=source.get("kind", ""),
        publication_date=published if isinstance(published, datetime) else None,
        section=source.get("section_label", "|").split("|", 1)[-1],
        image_url=source.get("image_url", ""),
        image_alt=source.get("image_alt", ""),
    )


def _facets(response: Any, request: SearchRequest) -> dict[str, list[FacetValue]]:
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


def elasticsearch_search(request: SearchRequest) -> SearchResult:
    """Raises ``SearchUnavailable`` when the node is not configured or does not answer."""
    client = search_client()
    try:
        response: Any = build_search(request, client).execute()
    except READ_ERRORS as error:
        raise read_failure(error) from error
    total = response.hits.total.value
    return SearchResult(
        hits=[hit_from_document(hit) for hit in response],
        total=total,
        request=request,
        facets=_facets(response, request) if request.facets else {},
        suggestion=did_you_mean(response, request),
    )


def search_articles(request: SearchRequest) -> SearchResult:
    """Elasticsearch when configured; the database otherwise, flagged if it was a fallback."""
    try:
        return elasticsearch_search(request)
    except SearchUnavailable:
        return database_search(request, degraded=search_is_configured())
