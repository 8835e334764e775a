"""Django's own copy of what the front cache keeps: pages served by gunicorn without rendering.

Behind Varnish it serves the requests Varnish sends on (its misses, a second web machine's
first view); without Varnish it is the only page cache. It keeps exactly what ``policy``
marks public, for as long as its ``s-maxage``, and forgets it on the same purges, which
Wagtail's frontend cache module sends to ``PageCacheBackend`` as to Varnish: a purge of a
path forgets every page under it, whatever its query.

That prefix rule is kept with generations: a purge of ``/en/`` stamps a new generation on
``/en/``, and a page's key holds the generations of every prefix of its path, so that a page
cached before the purge is never found again (it expires in the cache's own time). A lookup
is two cache round trips: the generations, then the page.

wagtail-cache (a library for this) clears its whole cache or single URLs on publish; the
newsroom purges by language and by prefix, as Varnish does, so it shares ``purge``'s rules here.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from newsroom.front_cache.policy import (
    may_be_served_from_cache,
    shared_cache_may_keep,
    shared_max_age,
)

logger = logging.getLogger("newsroom.front_cache")

KEY_PREFIX = "page-cache"
# Headers a copy never carries: each request gets its own.
PER_REQUEST_HEADERS = {"set-cookie", "date", "age"}


def prefixes(path: str) -> list[str]:
    """``/en/a/b/`` → ``/``, ``/en/``, ``/en/a/``, ``/en/a/b/``: each path a purge may name.

    A path that does not end with a slash (``/en/feeds/all.rss``) ends the list itself.
    """
    found, slash = ["/"], 0
    while (slash := path.find("/", slash + 1)) != -1:
        found.append(path[: slash + 1])
    if not path.endswith("/"):
        found.append(path)
    return found


def generation_key(host: str, prefix: str) -> str:
    return f"{KEY_PREFIX}:generation:{host}:{prefix}"


def page_key(request: HttpRequest) -> str:
    host = request.get_host()
    generation_keys = [generation_key(host, prefix) for prefix in prefixes(request.path)]
    generations = cache.get_many(generation_keys)
    stamps = "|".join(str(generations.get(key, 0)) for key in generation_keys)
    digest = hashlib.sha256(f"{request.get_full_path()}|{stamps}".encode()).hexdigest()
    return f"{KEY_PREFIX}:page:{host}:{digest}"


class PageCacheMiddleware:
    """Answers anonymous GETs from Django's cache; keeps what ``policy`` marked public."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.NEWSROOM_PAGE_CACHE or request.method != "GET":
            return self.get_response(request)
        if not may_be_served_from_cache(request):
            return self.get_response(request)
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            return _response(kept)
        response = self.get_response(request)
        seconds = shared_max_age(response)
        if seconds and shared_cache_may_keep(request, response) and not response.streaming:
            cache.set(key, _kept(response), seconds)
        return response


def _kept(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    return response.status_code, headers, response.content


def _response(kept: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheBackend(BaseBackend):
    """Wagtail's frontend cache backend for ``PageCacheMiddleware``.

    A purge of a URL stamps a new generation on its path: every page under it is looked for
    under new keys from then on.
    """

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        cache.set(generation_key(host, parts.path or "/"), time.time_ns(), None)
        logger.debug("page cache: forgot %s%s", host, parts.path)
