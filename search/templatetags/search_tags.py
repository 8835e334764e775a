"""Template tags that bring search results into pages: related stories on an article."""

from typing import cast

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from content.models import ArticlePage
from search.reader import Hit, related_articles

register = template.Library()

RELATED_CACHE_SECONDS = 600


@register.simple_tag
def related_stories(page: ArticlePage) -> list[Hit]:
    """Stories like ``page`` in the current language, cached per published revision."""
    language = get_language()
    key = f"related:{language}:{page.pk}:{page.live_revision_id}"
    stories = cache.get_or_set(key, lambda: related_articles(page, language), RELATED_CACHE_SECONDS)
    return cast(list[Hit], stories)
