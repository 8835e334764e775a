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
# The hyphen, non-breaking hyphen, figure, en and em dashes, which readers type or paste in
# document numbers for the hyphen (1846/QĐ–BCT): inside a word, the query reads a hyphen.
OTHER_DASHES = "\u2010\u2011\u2012\u2013\u2014"
INNER_DASH = re.compile(rf"(?<=\w)[{OTHER_DASHES}](?=\w)")
# A word with a digit in it: a document number (2387/QD-BCT), part of one, or a year.
NUMBERED_WORD = re.compile(r"\w*\d[\w/.\-]*")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, without any search-engine syntax, at a sane length."""
    words = SEARCH_TERM.findall(INNER_DASH.sub("-", (raw or "")[: MAX_QUERY_LENGTH * 4]))
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


TEXT_BOOSTS = (("title", 4), ("standfirst", 2), ("body", 1))
# Fixed scores for where a story has every word of the query: in its title, in the title as
# typed (in order), in its standfirst. Comparable to a good text score (about 2 to 10).
HEADLINE_WEIGHT = 3.0
PHRASE_WEIGHT = 1.5
LEAD_WEIGHT = 1.5


def _text_fields(
    language: str, boosts: tuple[tuple[str, int], ...] = TEXT_BOOSTS
) -> tuple[list[str], list[str]]:
    """The text fields with their boosts: main, and the second way (folded or in pairs)."""
    variant = LANGUAGE_ANALYSIS[language].variant
    main = [f"{name}^{boost}" for name, boost in boosts]
    second = [f"{name}.{variant}^{boost}" for name, boost in boosts]
    return main, second


def both_ways(language: str, *fields: str) -> list[str]:
    """``fields`` and their subfields that match the text the second way."""
    variant = LANGUAGE_ANALYSIS[language].variant
    return [*fields, *(f"{name}.{variant}" for name in fields)]


def _everywhere_in(language: str, field: str, boost: float, **match: str) -> Query:
    """A fixed score for stories with all the reader's words in ``field``, however rare."""
    return Q(
        "constant_score",
        filter=Q("multi_match", fields=both_ways(language, field), **match),
        boost=boost,
    )


def text_query(language: str, query: str) -> Query:
    """Stories whose words match the query's, in the language's own analysis or the second way.

    All the text is scored as one field (``combined_fields``), so that a word repeated
    through a story counts. Where the words are found counts too, at a fixed weight whatever
    their rarity or the title's length: what a story is about is said in its headline and
    its lead. Text with the exact diacritics matches both the main and the folded fields,
    so it ranks above text that only matches once accents are removed; in Chinese, Japanese
    and Korean, pairs of characters find words the dictionary cut differently.
    """
    main, second = _text_fields(language)
    enough_words = "3<75%"
    clauses = [
        Q("combined_fields", query=query, fields=main, minimum_should_match=enough_words),
        _everywhere_in(language, "title", HEADLINE_WEIGHT, query=query, operator="and"),
        _everywhere_in(language, "title", PHRASE_WEIGHT, query=query, type="phrase"),
        _everywhere_in(language, "standfirst", LEAD_WEIGHT, query=query, operator="and"),
        Q("match", **{"document_numbers.whole": {"query": query, "boost": 8}}),
        Q("match", **{"document_numbers.parts": {"query": query, "operator": "and", "boost": 2}}),
        Q(
            "multi_match",
            query=query,
            fields=["topic_names^2", "unit_names^2", "region_names^2", "tags.text^2"],
            operator="and",
        ),
    ]
    clauses.append(
        Q("combined_fields", query=query, fields=second, minimum_should_match=enough_words)
    )
    return Q("bool", should=clauses, minimum_should_match=1)


def readable_filter(now: datetime | None = None) -> Query:
    """Stories whose publication date (an embargo moves it) has come."""
    return Q("range", publication_date={"lte": (now or timezone.now()).isoformat()})
