"""What the HTTP cache in front must forget when content changes.

The cache (deploy/varnish/newsroom.vcl) reads a PURGE of a path as "forget every response
whose path starts with it, whatever its query": purging ``/en/`` forgets the English home,
sections, topics, search pages and feeds at once. A story appears in nearly every listing
of its languages (home, section, topics, feeds, "related" on other stories), so a change to
a story purges the root of each language it is written in, and its own URL in every other
language (whose "not in this language" page lists the languages it is in). A change to what
frames every page (a section's or a topic's name, the site's settings) purges the sites.

Purges go through Wagtail's frontend cache module to every cache in ``WAGTAILFRONTENDCACHE``:
at once from the process that made the change, so that readers see it within a second even
while the worker is busy (a demo build queues hundreds of tasks), and again from Wagtail's
background task, which stands in for a purge that could not be sent at once.
"""

import threading
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site

from content.models import ArticlePage, Translation
from search.syndication import sitemap_paths

NEXT_TO_APPEAR_KEY = "front-cache:next-to-appear"
# How long the process that made a change waits for its purges: a cache that has not answered
# by then is purged by the queued task. Varnish on the same network answers in milliseconds.
PURGE_WAIT = 1.0


def send(batch: PurgeBatch) -> None:
    """Purge ``batch`` now, from this process, and queue the same purge as a backstop."""
    if not batch.urls:
        return
    urls = sorted(batch.urls)
    now = threading.Thread(target=purge_urls_from_cache_task.call, args=(urls,), daemon=True)
    now.start()
    now.join(PURGE_WAIT)
    batch.purge()


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
    send(batch)


def site_changed() -> None:
    """Purge everything: what frames every page changed."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    cache.delete(NEXT_TO_APPEAR_KEY)
    send(PurgeBatch(site.root_url + "/" for site in Site.objects.all()))
