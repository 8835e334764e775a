"""Which responses the HTTP cache in front may keep, and for how long.

Only what every anonymous reader would get alike: a GET or HEAD without a session, a
partner's token or an ``Authorization`` header, outside the admin, that sets no cookie and
that the view did not mark private. Such a response says ``public`` with ``s-maxage`` for
the shared cache, purged on change (``purge``), and a short ``max-age`` for browsers, which
nothing can purge. Everything else says ``private``: editors, partners and previews are
never kept by a shared cache.

No edit announces a scheduled or embargoed story's coming: the shared cache keeps a page no
longer than until the next such story appears.
"""

import math
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from content.models import ArticlePage
from newsroom.front_cache.purge import NEXT_TO_APPEAR_KEY
from newsroom.serving import has_read_readers_moment, next_story_appearance

SHARED_SECONDS = 24 * 60 * 60  # purged on change: a day bounds what a lost purge costs
BROWSER_SECONDS = 60
CACHEABLE_STATUSES = {200, 203, 301, 404, 410}
PRIVATE_PATHS = ("/admin/", "/documents/", "/healthz")
# What the shared cache keys nothing on, so that it never hands one reader's answer to another.
PERSONAL_HEADERS = ("Authorization", "X-Partner-Token")
NOTHING_WAITING = "nothing"


def may_be_served_from_cache(request: HttpRequest) -> bool:
    """A request any anonymous reader could have made: its answer is everyone's."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PATHS) or getattr(request, "is_preview", False):
        return False
    if "token" in request.GET or any(request.headers.get(h) for h in PERSONAL_HEADERS):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def shared_cache_may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    if not may_be_served_from_cache(request) or response.cookies:
        return False
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def next_to_appear(request: HttpRequest) -> datetime | None:
    """When the next scheduled or embargoed story appears, asked once a minute at most.

    A rendered page read it with the readers' generation (newsroom/serving.py): that answer,
    fresher than the cache's, costs nothing more.
    """
    if has_read_readers_moment(request):
        return next_story_appearance(request)
    cached = cache.get(NEXT_TO_APPEAR_KEY)
    if cached is None:
        first = ArticlePage.objects.next_to_appear()
        cache.set(NEXT_TO_APPEAR_KEY, first or NOTHING_WAITING, 60)
        return first
    return None if cached == NOTHING_WAITING else cached


def shared_seconds(request: HttpRequest) -> int:
    first = next_to_appear(request)
    if first is None:
        return SHARED_SECONDS
    return max(0, min(SHARED_SECONDS, math.ceil((first - timezone.now()).total_seconds())))


class FrontCachePolicyMiddleware:
    """Says on each response whether, and how long, the shared cache in front may keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if shared_cache_may_keep(request, response):
            max_age = _directive(response, "max-age")
            # A view may ask for less (a search the database answered while the node was away).
            asked = _directive(response, "s-maxage")
            patch_cache_control(
                response,
                public=True,
                max_age=min(max_age or BROWSER_SECONDS, BROWSER_SECONDS),
                s_maxage=min(shared_seconds(request), SHARED_SECONDS if asked is None else asked),
            )
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def _directive(response: HttpResponse, name: str) -> int | None:
    for directive in response.get("Cache-Control", "").split(","):
        found, _, value = directive.strip().partition("=")
        if found.lower() == name and value.isdigit():
            return int(value)
    return None


def shared_max_age(response: HttpResponse) -> int | None:
    """How long a shared cache may keep ``response`` (its ``s-maxage``), if it may."""
    return _directive(response, "s-maxage")
