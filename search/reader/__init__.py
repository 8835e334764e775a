"""Reader search: what a foreign reader finds, in their language, on Elasticsearch or the database.

Modules, one job each: ``results`` (the request, hits, facets), ``matching`` (a reader's
words as a query, and what a reader may see now: feeds use them too), ``queries`` (the
search page's query, facets and highlights), ``suggestions`` (autocomplete and "did you
mean"), ``related`` (related stories), ``fallback`` (the same searches on the database),
``forms`` and ``views`` (the search page and the autocomplete endpoint).

Dependencies point one way: reader imports ``search.index``, never ``search.syndication``.
Outside code imports from ``search.reader``, not from its modules.
"""

from search.reader.fallback import (
    FALLBACK_BACKEND,
    database_search,
    fallback_backend,
    hit_from_page,
    is_database_backend,
    text_matches,
)
from search.reader.forms import SearchForm
from search.reader.matching import MAX_QUERY_LENGTH, clean_query, readable_filter, text_query
from search.reader.queries import (
    FACETS,
    build_search,
    elasticsearch_search,
    hit_from_document,
    search_articles,
)
from search.reader.related import related_articles, related_stories_of
from search.reader.results import (
    MAX_PAGE,
    PAGE_SIZE,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
)
from search.reader.suggestions import TitleSuggestion, title_suggestions
from search.reader.views import autocomplete, facet_groups, search_page

__all__ = [
    "FACETS",
    "FALLBACK_BACKEND",
    "MAX_PAGE",
    "MAX_QUERY_LENGTH",
    "PAGE_SIZE",
    "FacetValue",
    "Hit",
    "SearchForm",
    "SearchRequest",
    "SearchResult",
    "TitleSuggestion",
    "autocomplete",
    "build_search",
    "clean_query",
    "database_search",
    "elasticsearch_search",
    "facet_groups",
    "fallback_backend",
    "hit_from_document",
    "hit_from_page",
    "is_database_backend",
    "readable_filter",
    "related_articles",
    "related_stories_of",
    "search_articles",
    "search_page",
    "text_matches",
    "text_query",
    "title_suggestions",
]
