"""Reader search queries, through Wagtail's configured search backend."""

from django.utils.translation import get_language

from content.models import ArticlePage

MAX_QUERY_LENGTH = 200


def clean_query(raw: str | None) -> str:
    """A reader's query, trimmed to a length a search engine should be asked about."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_articles(query: str):
    """Stories readable in the active language that match ``query``, best match first."""
    stories = ArticlePage.objects.readable_in(get_language()).for_listing()
    return stories.search(query, operator="and")
