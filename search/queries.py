"""Reader search queries, through Wagtail's configured search backend."""

import re

from django.utils.translation import get_language

from content.models import ArticlePage

MAX_QUERY_LENGTH = 200


# Words, with the inner slashes, dots and hyphens of document numbers such as 2387/QD-BCT.
SEARCH_TERM = re.compile(r"\w+(?:[/.\-]\w+)*")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, without any search-engine syntax, at a sane length."""
    return " ".join(SEARCH_TERM.findall((raw or "")[: MAX_QUERY_LENGTH * 4]))[:MAX_QUERY_LENGTH]


def search_articles(query: str):
    """Stories readable in the active language that match ``query``, best match first."""
    # Search backends filter only on indexed fields, so select the readable stories first.
    readable = ArticlePage.objects.readable_in(get_language()).values("pk")
    return ArticlePage.objects.filter(pk__in=readable).for_listing().search(query, operator="and")
