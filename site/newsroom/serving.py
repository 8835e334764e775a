"""Serving reader pages: which page a URL path names in the reader's language, remembered.

Wagtail finds a page by walking the tree from the site's root, one level per path segment;
wagtail-modeltranslation's walk loads every child of each level to compare slugs in Python
(a section's every story, each with nine languages' columns). Here each level asks the
database for the one child whose slug in the active language (or the source language's,
when it has none of its own) matches. The page found (its row) and the site of the request's
host are kept in the cache under the readers' generation (``content.models.ReaderGeneration``):
every save of a page, a move, a deletion or a translation's approval advances it, so the next
request walks again and reads the row afresh. Without the cache every request walks.

What happens once the page is found is Wagtail's own ``serve``: the page's own ``route``
(liveness, a routable page's sub-routes), view restrictions, hooks, ``serve``.

A request costs the database one query (the generation, compiled once a process) and the
cache two round trips: the site, the route and the keys the path's last render read, then
those keys, read ahead (newsroom/read_ahead.py) before the page renders.
"""

import hashlib
import logging
import pickle
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.signals import request_finished
from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models

from content.models import (
    ArticlePage,
    BasePage,
    ReaderGeneration,
    Translation,
    hero_renditions,
    localized_slug_q,
    site_for_request,
)
from newsroom import read_ahead
from newsroom.prepared_query import PreparedQuery

# The generation keys entries; this only bounds what an unused entry costs the cache.
ROUTE_SECONDS = 24 * 60 * 60

# (page id, content type id, its tree path, how many path segments the walk consumed)
Walked = tuple[int, int, str, int]
# What a path's entry holds: the segments consumed and the page, its row as the database had
# it in the generation of the key (every save of a page advances the generation).
Found = tuple[int, Page]

logger = logging.getLogger(__name__)


def readers_moment_at(moment):
    """The generation's row with the next story's date after ``moment``: number, date."""
    rows = ReaderGeneration.objects.filter(pk=ReaderGeneration.ROW)
    rows = rows.annotate(read_with=ArticlePage.objects.next_to_appear_subquery(moment))
    return rows.values_list("number", "read_with")


# Compiled once a process (a millisecond of Python a request otherwise): only now changes.
READERS_MOMENT = PreparedQuery(ReaderGeneration, readers_moment_at)


def read_readers_moment(request: HttpRequest) -> None:
    """The readers' generation and when the next story appears, in one query, once a request.

    Every rendered page reads the generation first, and asks when the next scheduled or
    embargoed story appears (a listing's cache key, the front cache's ``s-maxage``): read
    together, the second costs no query of its own, cold or warm, and is never stale.
    """
    if has_read_readers_moment(request):
        return
    row = READERS_MOMENT.first()
    if row is None:  # no change yet since the database was made
        row = [0, ArticlePage.objects.next_to_appear()]
    request._reader_generation, request._next_to_appear = row  # type: ignore[attr-defined]


def has_read_readers_moment(request: HttpRequest) -> bool:
    """Whether this request has read the generation (a rendered page has, a cached one not)."""
    return hasattr(request, "_reader_generation")


def reader_generation(request: HttpRequest | None) -> int:
    """The readers' generation, read once per request."""
    if request is None:
        return ReaderGeneration.current()
    read_readers_moment(request)
    return request._reader_generation  # type: ignore[attr-defined]


def next_story_appearance(request: HttpRequest | None) -> datetime | None:
    """When the next scheduled or embargoed story becomes readable (None: none waits).

    As the request's first look at the generation found it.
    """
    if request is None:
        return ArticlePage.objects.next_to_appear()
    read_readers_moment(request)
    return request._next_to_appear  # type: ignore[attr-defined]


def know_page_types() -> None:
    """Every page model's content type, read in one query the first time a process walks.

    The walk and the menu look a page's type up by its id: from the process's cache of
    content types, which would otherwise read them one at a time on a fresh worker.
    """
    ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False)


def walk(root: Page, segments: list[str]) -> Walked | None:
    """The page the segments lead to from ``root``, one child a level, in the active language.

    One query reads every page that one of the segments could name at its depth below the
    root; the walk then goes down them in Python. It stops at a routable page, whose own
    ``route`` reads the rest; None when a segment names no child.
    """
    know_page_types()
    page_id, content_type_id, path, depth = root.pk, root.content_type_id, root.path, root.depth
    candidates: dict[int, list[Walked]] = {}
    if segments:
        named = Q()
        for level, segment in enumerate(segments, start=1):
            named |= localized_slug_q(segment) & Q(depth=depth + level)
        rows = Page.objects.filter(named, path__startswith=path).order_by("path")
        for row in rows.values_list("pk", "content_type_id", "path", "depth"):
            candidates.setdefault(row[3], []).append(row)
    for consumed, _segment in enumerate(segments):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or issubclass(model, RoutablePageMixin):
            return page_id, content_type_id, path, consumed
        # The first child of this page, in tree order, whose slug is the segment.
        child = next((c for c in candidates.get(depth + 1, []) if c[2].startswith(path)), None)
        if child is None:
            return None
        page_id, content_type_id, path, depth = child
    return page_id, content_type_id, path, len(segments)


def load(model: type[Page], page_id: int, path: str) -> Page | None:
    """The page's row, with what serving it asks next read in the same query.

    Whether a view restriction covers it, and for a story its lead unit, its hero image (and
    the image's renditions, in a second query) and the languages it is approved in, which
    ``prepare_for_reuse`` and the template would each ask apart.
    """
    rows = model._default_manager.filter(pk=page_id)
    if not issubclass(model, BasePage):
        return rows.first()
    rows = rows.annotate(view_restricted=Exists(model(path=path).get_view_restrictions()))
    codes = [code for code, _name in settings.LANGUAGES]
    if issubclass(model, ArticlePage):
        approved = Translation.objects.filter(page=OuterRef("pk"), live=True)
        rows = (
            rows.with_bodies_shown_in(get_language())
            .select_related("lead_unit", "hero_image")
            .prefetch_related(hero_renditions())
        )
        rows = rows.annotate(
            **{f"approved_{i}": Exists(approved.filter(language=c)) for i, c in enumerate(codes)}
        )
    page = rows.first()
    if page is None:
        return None
    page._unrestricted = not page.view_restricted
    if isinstance(page, ArticlePage):
        page._live_languages = [
            code
            for i, code in enumerate(codes)
            if code == page.original_language or getattr(page, f"approved_{i}")
        ]
    return page


def route_key(where: str, segments: list[str]) -> str:
    """The cache key of the page the path of ``segments`` names (as Wagtail's ``path``)."""
    return f"serving:route:{where}:{get_language()}:{''.join(f'{s}/' for s in segments)}"


def routable_above(cached: dict, where: str, segments: list[str]) -> Found | None:
    """The nearest routable page above the path (topics/ for topics/trade/), if remembered.

    Its own path's entry serves the paths below it: their last segments are its sub-route,
    which may be any text, so they have no entries of their own.
    """
    for consumed in range(len(segments) - 1, 0, -1):
        found = cached.get(route_key(where, segments[:consumed]))
        if found is not None and isinstance(found[1], RoutablePageMixin):
            return found
    return None


def page_route(request: HttpRequest, site: Site, path: str, where: str, cached: Found | None):
    """Wagtail's route result for ``path`` on ``site`` (None: no such page)."""
    segments = [segment for segment in path.split("/") if segment]
    if cached is None:
        walked = walk(site.root_page, segments)
        if walked is None:
            return None
        page_id, content_type_id, page_path, consumed = walked
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page: Page | None = load(model, page_id, page_path) if model else None
        if page is None:
            return None
        # A routable page's sub-route may be any text: the page is remembered at its own path.
        if consumed == len(segments) or isinstance(page, RoutablePageMixin):
            if isinstance(page, BasePage):
                page.prepare_for_reuse()
            remember(route_key(where, segments[:consumed]), (consumed, page))
    else:
        consumed, page = cached
    try:
        return page.route(request, segments[consumed:])
    except Http404:
        return None


def remember(key: str, found: Found) -> None:
    try:
        cache.set(key, found, ROUTE_SECONDS)
    except (pickle.PicklingError, TypeError, AttributeError):  # a page the cache cannot hold
        logger.warning("Page %s cannot be cached; it is read from the database", found[1].pk)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``serve``, with the site and the page found as above."""
    # As Wagtail reads it (Site.find_for_request): the host as sent, already validated.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    where = f"{reader_generation(request)}:{hostname}:{request.get_port()}"
    site_key = f"serving:site:{where}"
    segments = [segment for segment in path.split("/") if segment]
    path_key = route_key(where, segments)
    above = [route_key(where, segments[:consumed]) for consumed in range(1, len(segments))]
    # A listing's ?page=2 reads other fragments than its first page: its own keys to read.
    query = request.META.get("QUERY_STRING", "")
    asked = f"{path}?{hashlib.sha256(query.encode()).hexdigest()[:16]}" if query else path
    reads_key = f"serving:reads:{where}:{request.scheme}:{get_language()}:{asked}"
    cached = cache.get_many([site_key, path_key, reads_key, *above])
    remembered = cached.get(reads_key)
    ahead = read_ahead.start(caches["default"], remembered)
    try:
        site = cached.get(site_key)
        if site is None:
            site = site_for_request(request)  # and every site's roots, in the same query
            if site is not None:
                cache.set(site_key, site, ROUTE_SECONDS)
        request._wagtail_site = site  # type: ignore[attr-defined]
        if site is not None:
            found = cached.get(path_key) or routable_above(cached, where, segments)
            route = page_route(request, site, path, where, found)
            request._wagtail_route_for_request = route  # type: ignore[attr-defined]
        response = wagtail_views.serve(request, path)
    except BaseException:
        read_ahead.stop()
        raise
    if ahead is None:
        return response
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.add_post_render_callback(lambda _: remember_reads(reads_key, remembered))
    else:
        remember_reads(reads_key, remembered)
    return response


def remember_reads(key: str, remembered: list[str] | None) -> None:
    """The request's reads are over: the next request of its path reads the same keys ahead.

    Written when they differ from those read ahead: a page's first render in a generation,
    and the next, which no longer reads what the first read to render its cached fragments.
    """
    ahead = read_ahead.stop()
    if ahead is not None and set(ahead.read) != set(remembered or []):
        cache.set(key, list(ahead.read), ROUTE_SECONDS)


@receiver(request_finished)
def reads_end_with_the_request(**kwargs) -> None:
    """Whatever became of the response (an error while rendering it), its reads are over."""
    read_ahead.stop()
