"""What the HTTP cache in front must forget when content changes.

The cache (deploy/varnish/newsroom.vcl) reads a PURGE of a path as "forget every response
whose path starts with it, whatever its query": purging ``/en/`` forgets the English home,
sections, topics, search pages and feeds at once. A story appears in nearly every listing
of its languages (home, section, topics, feeds, "related" on other stories), so a change to
a story purges the root of each language it is written in, and its own URL in every other
language (whose "not in this language" page lists the languages it is in). A change to what
frames every page (a section's or a topic's name, the site's settings) purges the sites.

Purges go through Wagtail's frontend cache module (``PurgeBatch``), which sends them from a
background task to every cache in ``WAGTAILFRONTENDCACHE``.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from content.models import ArticlePage, Translation
from search.syndication import sitemap_paths

NEXT_TO_APPEAR_KEY = "front-cache:next-to-appear"


def stories_changed(page_ids: Iterable[int]) -> None:
    """Purge what shows these stories: their languages' pages, their URL in every language."""
    page_ids = set(page_ids)
    if not page_ids or not settings.WAGTAILFRONTENDCACHE:
        return
    cache.delete(NEXT_TO_APPEAR_KEY)  # a story scheduled or embargoed changes it
    stories = ArticlePage.objects.filter(pk__in=page_ids).specific()
    languages = set(stories.values_list("original_language", flat=True))
    languages.update(
        Translation.objects.filter(page_id__in=page_ids).values_list("language", flat=True)
    )
    batch = PurgeBatch()
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in sitemap_paths())
        batch.add_urls(f"{site.root_url}/{language}/" for language in sorted(languages))
    for code, _name in settings.LANGUAGES:
        if code in languages:
            continue
        with translation.override(code):
            batch.add_urls(url for story in stories if (url := story.get_full_url()))
    batch.purge()


def languages_changed(languages: Iterable[str]) -> None:
    """Purge every page of these languages (their feeds and search pages included)."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    for site in Site.objects.all():
        batch.add_urls(f"{site.root_url}/{language}/" for language in sorted(set(languages)))
    batch.purge()


def site_changed() -> None:
    """Purge everything: what frames every page changed."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    cache.delete(NEXT_TO_APPEAR_KEY)
    PurgeBatch(site.root_url + "/" for site in Site.objects.all()).purge()
