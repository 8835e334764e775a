"""Feed views: check who asks, build the selection, serve it from the cache or render it."""

import hashlib
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.reader import clean_query
from search.syndication.feeds.access import FeedRefused, feed_access, syndicating_site
from search.syndication.feeds.catalogue import feed_catalogue
from search.syndication.feeds.channel import FeedChannel, channel_title, selection_page, websub_hub
from search.syndication.feeds.formats.json_feed import render_json_feed
from search.syndication.feeds.formats.ninjs import render_ninjs
from search.syndication.feeds.formats.xml_feeds import render_atom, render_rss
from search.syndication.feeds.freshness import feeds_changed_at
from search.syndication.feeds.http import RenderedFeed, feed_response
from search.syndication.feeds.selection import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    FeedKind,
    FeedSelection,
    feed_stories,
)

FORMATS = {
    "rss": (render_rss, "application/rss+xml; charset=utf-8"),
    "atom": (render_atom, "application/atom+xml; charset=utf-8"),
    "json": (render_json_feed, "application/feed+json; charset=utf-8"),
    "ninjs": (render_ninjs, "application/json; charset=utf-8"),
}
TERM_KINDS = set(FeedKind.FIELDS)
# Sent on every pull, a 304 included, with language, feed ("topics/trade.rss"), partner_id
# (None: public) and items (stories in the body sent, 0 for a 304). Reach counts them.
feed_pulled = Signal()


class FeedParameters(forms.Form):
    """A feed's query string: the words of a search feed, and how many stories."""

    q = forms.CharField(required=False, max_length=800)
    limit = forms.IntegerField(required=False, min_value=1)

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data["q"])

    def clean_limit(self) -> int:
        return min(self.cleaned_data["limit"] or DEFAULT_LIMIT, MAX_LIMIT)


def _bad_request(form) -> HttpResponseBadRequest:
    messages = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
    return HttpResponseBadRequest(messages + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def feed(
    request: HttpRequest, format: str, kind: str = FeedKind.ALL, slug: str = ""
) -> HttpResponse:
    """A feed in one format: from the cache when nothing changed, else rendered and cached."""
    # The term route takes any word for a kind: only taxonomies have terms.
    if format not in FORMATS or (slug and kind not in TERM_KINDS):
        raise Http404
    parameters = FeedParameters(request.GET)
    if not parameters.is_valid():
        return _bad_request(parameters)
    query = parameters.cleaned_data["q"]
    if kind == FeedKind.SEARCH and not query:
        return HttpResponseBadRequest(_("A search feed needs words to search for (q=).\n"))
    language = get_language()
    changed_at = feeds_changed_at()
    site = syndicating_site(request, changed_at)
    try:
        access = feed_access(request, language, site.public_full_text)
    except FeedRefused as refused:
        return refused.response()
    selection = FeedSelection(
        language=language,
        kind=kind,
        slug=slug,
        query=query if kind == FeedKind.SEARCH else "",
        limit=parameters.cleaned_data["limit"],
    )
    # Everything the body embeds: the feed's own link carries the host the reader asked,
    # so one host's rendering is never served to another (the ETag hashes the body).
    origin = request.build_absolute_uri("/")
    inputs = f"{changed_at.isoformat()}|{origin}|{site.root_url}|{selection.key}|{access.level}"
    key = "feeds:" + hashlib.sha256(f"{inputs}|{format}".encode()).hexdigest()
    rendered = cache.get(key)
    if rendered is None:
        rendered, expires_at = _render(request, site, selection, access, format, changed_at)
        if expires_at is not None:
            timeout = (expires_at - timezone.now()).total_seconds()
            if timeout > 0:
                cache.set(key, rendered, timeout=int(timeout) or 1)
    response = feed_response(request, rendered, private=access.partner_id is not None)
    feed_pulled.send(
        sender=feed,
        language=language,
        feed=f"{kind}/{slug}.{format}" if slug else f"{kind}.{format}",
        partner_id=access.partner_id,
        items=rendered.items if response.status_code == 200 else 0,
    )
    return response


def _render(request, site, selection, access, format, changed_at):
    """The rendered feed, and until when it may be cached (None: not at all)."""
    page = selection_page(selection, site.home_url(selection.language))
    stories = feed_stories(selection, access)
    feed_url = request.build_absolute_uri(request.path)
    if selection.kind == FeedKind.SEARCH:
        feed_url += "?" + urlencode({"q": selection.query})
    channel = FeedChannel(
        title=channel_title(site.name, page),
        description=_("Stories from %(site)s: %(selection)s")
        % {"site": site.name, "selection": page.name},
        link=page.url,
        feed_url=feed_url,
        language=selection.language,
        publisher=site.name,
        rights=site.rights,
        hub=websub_hub(),
        updated=changed_at,
    )
    render, content_type = FORMATS[format]
    items = [story.on_site(site.root_url) for story in stories.items]
    newest = max((story.updated for story in items), default=changed_at)
    rendered = RenderedFeed.of(
        render(channel, items), content_type, max(changed_at, newest), items=len(items)
    )
    if stories.degraded:
        return rendered, None
    expires_at = timezone.now() + timedelta(seconds=settings.NEWSROOM_FEEDS["cache_seconds"])
    if stories.next_change is not None:
        expires_at = min(expires_at, stories.next_change)
    return rendered, expires_at


@require_GET
def feeds_index(request: HttpRequest) -> TemplateResponse:
    site = syndicating_site(request, feeds_changed_at())
    context = {
        "catalogue": feed_catalogue(request, get_language()),
        "formats": list(FORMATS),
        "site_name": site.name,
    }
    return TemplateResponse(request, "search/feeds/feeds_index.html", context)


@require_GET
def feeds_opml(request: HttpRequest) -> HttpResponse:
    format = request.GET.get("format", "rss")
    if format not in FORMATS:
        return HttpResponseBadRequest(_("Unknown feed format.\n"))
    site = syndicating_site(request, feeds_changed_at())
    context = {
        "catalogue": feed_catalogue(request, get_language()),
        "format": format,
        "site_name": site.name,
        "created": timezone.now(),
    }
    return TemplateResponse(
        request,
        "search/feeds/feeds.opml",
        context,
        content_type="text/x-opml; charset=utf-8",
    )
