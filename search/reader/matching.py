"""How a reader's words match stories, and which stories a reader may see now.

Readers' words are matched as words: no query-string syntax they type ever reaches
Elasticsearch. Reader search and feeds share these clauses.
"""

import re
from datetime import datetime

from django.utils import timezone
from elasticsearch.dsl import Q
from elasticsearch.dsl.query import Query

from search.index import LANGUAGE_ANALYSIS

MAX_QUERY_LENGTH = 200
# Words, with the inner slashes, dots and hyphens of document numbers such as 2387/QD-BCT.
SEARCH_TERM = re.compile(r"\w+(?:[/.\-]\w+)*")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, without any search-engine syntax, at a sane length."""
    words = SEARCH_TERM.findall((raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


TEXT_BOOSTS = (("title", 4), ("standfirst", 2), ("body", 1))


def _text_fields(
    language: str, boosts: tuple[tuple[str, int], ...] = TEXT_BOOSTS
) -> tuple[list[str], list[str]]:
    main = [f"{name}^{boost}" for name, boost in boosts]
    folded = (
        [f"{name}.folded^{boost}" for name, boost in boosts]
        if LANGUAGE_ANALYSIS[language].folds
        else []
    )
    return main, folded


def text_query(language: str, query: str) -> Query:
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


def readable_filter(now: datetime | None = None) -> Query:
    """Stories whose publication date (an embargo moves it) has come."""
    return Q("range", publication_date={"lte": (now or timezone.now()).isoformat()})
