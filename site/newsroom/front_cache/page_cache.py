"""Django's own copy of what the front cache keeps: pages served by gunicorn without rendering.

Behind Varnish it serves the requests Varnish sends on (its misses, a second web machine's
first view); without Varnish it is the only page cache. It keeps exactly what ``policy``
marks public, whole (the security headers included), for as long as its ``s-maxage``, and
forgets it on the same purges, which Wagtail's frontend cache module sends to
``PageCacheBackend`` as to Varnish: a purge of a path forgets every page under it, whatever
its query.

That prefix rule is kept with generations: a purge of ``/en/`` stamps a new generation on
``/en/``, and a page is kept with the generations of every prefix of its path at the time it
was looked for; a copy whose stamps are no longer the current ones is never served. One
cache round trip reads the generations and the copy together.

A copy is served at two places. ``PageCacheApplication`` wraps the WSGI application and
answers a hit before Django builds a response: a web machine's whole cost of a cached page
is that round trip. ``PageCacheMiddleware``, the first of the middleware, keeps what Django
rendered, and serves hits where nothing wraps Django (the test client, runserver).

wagtail-cache (a library for this) clears its whole cache or single URLs on publish; the
newsroom purges by language and by prefix, as Varnish does, so it shares ``purge``'s rules here.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re
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
# A copy is everyone's: a response that differs by anything else of the request is not kept.
VARY_KEPT = {"accept-encoding", "cookie"}
# Where the WSGI wrapper leaves its lookup for the middleware, so that a miss costs one lookup.
LOOKUP_ENVIRON_KEY = "newsroom.page_cache.lookup"


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


@dataclass(frozen=True)
class KeptPage:
    """A response as the cache keeps it, with the generations it was rendered under."""

    stamps: tuple[int, ...]
    status: int
    headers: list[tuple[str, str]]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


@dataclass(frozen=True)
class Lookup:
    """Where a request's page is kept, the current generations over it, and the copy if current."""

    key: str
    stamps: tuple[int, ...]
    found: KeptPage | None


def look_up(request: HttpRequest) -> Lookup:
    host = request.get_host()
    generation_keys = [generation_key(host, prefix) for prefix in prefixes(request.path)]
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"{KEY_PREFIX}:page:{request.scheme}:{host}:{digest}"
    values = cache.get_many([*generation_keys, key])
    stamps = tuple(values.get(generation, 0) for generation in generation_keys)
    kept = values.get(key)
    current = isinstance(kept, KeptPage) and kept.stamps == stamps
    return Lookup(key, stamps, kept if current else None)


def served_from_cache(request: HttpRequest) -> bool:
    """Whether Django's page cache may answer ``request``: an anonymous GET of a page."""
    return (
        settings.NEWSROOM_PAGE_CACHE
        and request.method == "GET"
        and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        and may_be_served_from_cache(request)
    )


def keep(lookup: Lookup, request: HttpRequest, response: HttpResponse) -> None:
    seconds = shared_max_age(response)
    if not seconds or response.streaming or not shared_cache_may_keep(request, response):
        return
    varies = {word.lower() for word in cc_delim_re.split(response.get("Vary", "")) if word}
    if varies - VARY_KEPT:
        return
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    cache.set(
        lookup.key,
        KeptPage(lookup.stamps, response.status_code, headers, response.content),
        seconds,
    )


class PageCacheMiddleware:
    """Keeps what Django rendered for anonymous readers; serves it where nothing wraps Django."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not served_from_cache(request):
            return self.get_response(request)
        lookup = request.META.get(LOOKUP_ENVIRON_KEY) or look_up(request)
        if lookup.found is not None:
            return lookup.found.response()
        response = self.get_response(request)
        keep(lookup, request, response)
        return response


class PageCacheApplication:
    """The WSGI application, with cached pages answered before Django builds a response."""

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if settings.NEWSROOM_PAGE_CACHE and environ.get("REQUEST_METHOD") == "GET":
            request = WSGIRequest(environ)
            try:
                lookup = look_up(request) if served_from_cache(request) else None
            except DisallowedHost:
                lookup = None  # Django answers it with its 400
            if lookup is not None and lookup.found is not None:
                kept = lookup.found
                start_response(f"{kept.status} {HTTPStatus(kept.status).phrase}", kept.headers)
                return [kept.content]
            environ[LOOKUP_ENVIRON_KEY] = lookup
        return self.application(environ, start_response)


class PageCacheBackend(BaseBackend):
    """Wagtail's frontend cache backend for Django's page cache.

    A purge of a URL stamps a new generation on its path: no copy of a page under it that was
    kept before is served again (each expires in the cache's own time).
    """

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        cache.set(generation_key(host, parts.path or "/"), time.time_ns(), None)
        logger.debug("page cache: forgot %s%s", host, parts.path)
