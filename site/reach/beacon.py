"""The beacon: one read of a story, or one search, counted before Django does anything else.

Readers' pages are served from the front cache, so a read is counted by a request the page
sends once shown (``static/reach/beacon.js``): ``POST /reach/beacon?s=<story>&l=<language>
&r=<referring host>``; a search page sends ``?l=<language>&q=<query>&f=<found>&g=<signature>``
instead (``searches``). It is answered first of all, with 204 and ``no-store``, whatever is
decided: what is not a read (a bot, a flood, a forged value) is silently not counted, so that
nobody learns by probing what counts.

Two places answer it, with the same rules (``answer_beacon``): ``BeaconApplication`` wraps the
WSGI application (``newsroom/wsgi.py``), so that under gunicorn a beacon costs neither Django's
handler, its request signals nor a database connection check; ``BeaconMiddleware``, first of the
middleware, answers where nothing wraps Django (the test client, runserver).
"""

import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from reach import BEACON_PATH, buffer
from reach.crawlers import is_bot
from reach.referrers import DIRECT, HOST_NAME, INTERNAL
from reach.searches import MAX_QUERY_LENGTH, signature_holds
from reach.sources import BEACONS_PER_MINUTE, source_key

COUNTED_METHODS = ("POST", "GET")
CACHE_CONTROL = "private, no-store"
STORY_ID = re.compile(r"[1-9][0-9]{0,9}")
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def search_name(request: HttpRequest) -> str | None:
    """``s:language:found:query`` of a search beacon the server signed, None otherwise."""
    params = request.GET
    language, query, found = params.get("l", ""), params.get("q", ""), params.get("f", "")
    if language not in LANGUAGES or found not in ("0", "1") or len(query) > MAX_QUERY_LENGTH:
        return None
    if not signature_holds(language, found == "1", query, params.get("g", "")):
        return None
    return f"s:{language}:{found}:{query}"


def read_name(request: HttpRequest) -> str | None:
    """``r:story:language:referrer`` of a well-formed read beacon, None for anything forged."""
    params = request.GET
    story, language, referrer = params.get("s", ""), params.get("l", ""), params.get("r", "")
    if not STORY_ID.fullmatch(story) or int(story) > 2**31 - 1 or language not in LANGUAGES:
        return None
    referrer = referrer.lower().rstrip(".")
    if referrer and (len(referrer) > 253 or not HOST_NAME.fullmatch(referrer)):
        return None
    if not referrer:
        referrer = DIRECT
    elif referrer == request.get_host().partition(":")[0].lower():
        referrer = INTERNAL
    return f"r:{story}:{language}:{referrer}"


def count_beacon(request: HttpRequest) -> None:
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return
    # Prefetches and prerenders that the reader never saw send no beacon: beacon.js waits.
    name = search_name(request) if "q" in request.GET else read_name(request)
    if name is not None:
        buffer.count(name, source=source_key(request), limit=BEACONS_PER_MINUTE)


def answer_beacon(request: HttpRequest) -> None:
    """Count the beacon if it is a read or a search; a failure costs the count, never an error."""
    if request.method in COUNTED_METHODS:
        try:
            count_beacon(request)
        except Exception:  # a reader never pays for a count that failed
            buffer.logger.warning("A read could not be counted", exc_info=True)


def beacon_response() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Cache-Control"] = CACHE_CONTROL
    return response


class BeaconMiddleware:
    """Answers the beacon ahead of the whole middleware stack: no session, cookie or page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info != BEACON_PATH:
            return self.get_response(request)
        answer_beacon(request)
        return beacon_response()


class BeaconApplication:
    """The WSGI application, with beacons answered before Django's handler sees them."""

    headers = [("Cache-Control", CACHE_CONTROL), ("Content-Length", "0")]

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != BEACON_PATH:
            return self.application(environ, start_response)
        answer_beacon(WSGIRequest(environ))
        start_response("204 No Content", list(self.headers))
        return []
