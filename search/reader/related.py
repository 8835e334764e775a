"""Stories related to the one a reader is reading: by their words, or by shared topics.

An article never waits on the node for them: the query is time-boxed (``related_timeout``,
never longer than a reader's search waits, ``reader_timeout``), and while the circuit is
open the shared topics answer at once.
"""

from typing import Any, cast

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Q, Search

from content.models import ArticlePage
from search.index import READ_ERRORS, SearchUnavailable, alias_name, read_failure, search_client
from search.reader.fallback import hits_from_pages
from search.reader.matching import readable_filter
from search.reader.queries import HIT_FIELDS, hit_from_document
from search.reader.results import Hit

RELATED_SIZE = 4
DEFAULT_RELATED_TIMEOUT = 0.4


def _related_timeout() -> float:
    """A page waits on the node no longer than a search does."""
    config = cast(dict[str, Any], settings.NEWSROOM_SEARCH)
    box = float(config.get("related_timeout", DEFAULT_RELATED_TIMEOUT))
    reader_timeout = float(config.get("reader_timeout") or 0)
    return min(box, reader_timeout) if reader_timeout else box


def stories_like(
    page_id: int, language: str, client: Elasticsearch, index: str | None = None
) -> Search:
    """The search for stories whose words are like those of story ``page_id`` in ``language``.

    ``index`` is the language's alias unless named (an index being built, not yet aliased).
    """
    index = index or alias_name(language)
    return (
        Search(using=client, index=index)
        .source(HIT_FIELDS)
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "more_like_this",
                        fields=["title", "standfirst", "body", "topic_names"],
                        like=[{"_index": index, "_id": str(page_id)}],
                        min_term_freq=1,
                        min_doc_freq=1,
                        max_query_terms=30,
                    )
                ],
                filter=[readable_filter()],
            )
        )[:RELATED_SIZE]
    )


def _by_words(page: ArticlePage, language: str) -> list[Hit]:
    """Raises ``SearchUnavailable`` when the node is away, slow or the circuit is open."""
    client = search_client().options(request_timeout=_related_timeout())
    try:
        return [hit_from_document(hit) for hit in stories_like(page.pk, language, client).execute()]
    except READ_ERRORS as error:
        raise read_failure(error) from error


def _by_topics(page: ArticlePage, language: str) -> list[Hit]:
    stories = (
        ArticlePage.objects.readable_in(language)
        .filter(topics__in=page.topics.all())
        .exclude(pk=page.pk)
        .distinct()
        .newest_first()
        .for_listing()
        .shown_in(language)[:RELATED_SIZE]
    )
    return hits_from_pages(list(stories), language)


def related_stories_of(page: ArticlePage, language: str) -> tuple[list[Hit], bool]:
    """Stories like this one, and whether they came from the database because search was away."""
    try:
        return _by_words(page, language), False
    except SearchUnavailable:
        return _by_topics(page, language), True


def related_articles(page: ArticlePage, language: str) -> list[Hit]:
    """Stories like this one, by their words; by shared topics when search is away."""
    return related_stories_of(page, language)[0]
