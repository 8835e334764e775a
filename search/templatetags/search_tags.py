"""Template tags that bring search results into pages: related stories on an article."""

from typing import cast

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from content.models import ArticlePage
from search.reader import Hit, related_stories_of

register = template.Library()

RELATED_CACHE_SECONDS = 600
# Stories found by shared topics while search was away are kept briefly, so that the words'
# answer takes over soon after the node is back, without a query on every view meanwhile.
FALLBACK_CACHE_SECONDS = 60


@register.simple_tag
def related_stories(page: ArticlePage) -> list[Hit]:
    """Stories like ``page`` in the current language, cached per published revision."""
    language = get_language()
    key = f"related:{language}:{page.pk}:{page.live_revision_id}"
    stories = cache.get(key)
    if stories is None:
        stories, fell_back = related_stories_of(page, language)
        seconds = FALLBACK_CACHE_SECONDS if fell_back else RELATED_CACHE_SECONDS
        cache.set(key, stories, seconds)
    return cast(list[Hit], stories)
