"""Suggestions to a reader: titles as they type (autocomplete), and "did you mean" a query."""

from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query
from modeltranslation.utils import build_localized_fieldname

from content.models import ArticlePage
from search.index import READ_ERRORS, SearchUnavailable, alias_name, read_failure, search_client
from search.reader.matching import NUMBERED_WORD, readable_filter
from search.reader.results import SearchRequest

AUTOCOMPLETE_SIZE = 8
DID_YOU_MEAN = "did_you_mean"


@dataclass
class TitleSuggestion:
    """A story's title that starts with what the reader typed, and its URL."""

    title: str
    url: str
    page_id: int


def autocomplete_query(prefix: str) -> Query:
    """Titles with a word starting with each typed word; the typed phrase in order ranks first.

    Every word the reader typed must start a word of the title (``title.autocomplete`` holds
    each word's first letters). Among the many titles that share a common word, those with
    the words as typed, in order, and whole words where the reader finished one, come first.
    """
    return Q(
        "bool",
        must=[Q("match", **{"title.autocomplete": {"query": prefix, "operator": "and"}})],
        should=[
            Q("match_phrase_prefix", title={"query": prefix, "boost": 4}),
            Q("match_bool_prefix", title={"query": prefix, "boost": 2}),
        ],
        filter=[readable_filter()],
    )


def title_suggestions_search(language: str, prefix: str, client: Elasticsearch) -> Search:
    """The search for titles with words that start as ``prefix``'s do, best first."""
    return (
        Search(using=client, index=alias_name(language))
        .query(autocomplete_query(prefix))
        .sort("_score", {"publication_date": {"order": "desc"}})
        .source(["title", "url", "page_id"])[:AUTOCOMPLETE_SIZE]
    )


def elasticsearch_title_suggestions(language: str, prefix: str) -> list[TitleSuggestion]:
    """Raises ``SearchUnavailable`` when the node is not configured or does not answer."""
    try:
        response = title_suggestions_search(language, prefix, search_client()).execute()
    except READ_ERRORS as error:
        raise read_failure(error) from error
    return [TitleSuggestion(hit.title, hit.url, int(hit.page_id)) for hit in response]


def database_title_suggestions(language: str, prefix: str) -> list[TitleSuggestion]:
    """Newest titles containing what the reader typed, read from the database."""
    title = build_localized_fieldname("title", language)
    stories = ArticlePage.objects.readable_in(language).filter(**{f"{title}__icontains": prefix})
    return [
        TitleSuggestion(getattr(story, title), story.get_url(), story.pk)
        for story in stories.newest_first()[:AUTOCOMPLETE_SIZE]
    ]


def title_suggestions(language: str, prefix: str) -> list[TitleSuggestion]:
    """Titles that start words with what the reader has typed so far."""
    try:
        return elasticsearch_title_suggestions(language, prefix)
    except SearchUnavailable:
        return database_title_suggestions(language, prefix)


def with_did_you_mean(search: Search, query: str) -> Search:
    """``search`` asking Elasticsearch for a correction of ``query``'s words, in context."""
    return search.suggest(
        DID_YOU_MEAN,
        query,
        phrase={
            "field": "suggest_text",
            "size": 1,
            "gram_size": 3,
            "max_errors": 2,
            # Only words no headline or lead contains are corrected: a rare name is left alone.
            "direct_generator": [{"field": "suggest_text", "suggest_mode": "missing"}],
        },
    )


def did_you_mean(response: Any, request: SearchRequest) -> str:
    """A corrected query when a word of the reader's is in no headline or lead; "" otherwise.

    A misspelt word among good ones ("Isreal free trade agreement") still finds stories
    by the others: the correction is offered all the same.

    Numbers are exact: a query with a number in it (an official document's, a year) is
    never rewritten, since a "correction" would send the reader to another document.
    """
    if not request.query or NUMBERED_WORD.search(request.query):
        return ""
    options = response.suggest.did_you_mean[0].options if "suggest" in response else []
    if options and options[0].text.lower() != request.query.lower():
        return str(options[0].text)
    return ""
