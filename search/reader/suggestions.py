"""Suggestions to a reader: titles as they type (autocomplete), and "did you mean" a query."""

from dataclasses import dataclass
from typing import Any

from elasticsearch.dsl import Q, Search
from modeltranslation.utils import build_localized_fieldname

from content.models import ArticlePage
from search.index import READ_ERRORS, SearchUnavailable, alias_name, read_failure, search_client
from search.reader.matching import readable_filter
from search.reader.results import SearchRequest

AUTOCOMPLETE_SIZE = 8
DID_YOU_MEAN = "did_you_mean"


@dataclass
class TitleSuggestion:
    """A story's title that starts with what the reader typed, and its URL."""

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
            "direct_generator": [{"field": "suggest_text", "suggest_mode": "always"}],
        },
    )


def did_you_mean(response: Any, request: SearchRequest, total: int) -> str:
    """A corrected query when the reader's words found few stories; "" otherwise."""
    if not request.query or total >= 3:
        return ""
    options = response.suggest.did_you_mean[0].options if "suggest" in response else []
    if options and options[0].text.lower() != request.query.lower():
        return str(options[0].text)
    return ""
