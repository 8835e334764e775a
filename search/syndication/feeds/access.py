"""Who is reading a feed: the public, or a partner whose token opens more of it."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Site

from search.models import PartnerToken, SyndicationSettings
from search.syndication.feeds.selection import FeedAccess

# Where a token may be presented: names, not secrets.
TOKEN_PARAMETER = "token"  # noqa: S105
TOKEN_HEADER = "X-Partner-Token"  # noqa: S105


class FeedRefused(Exception):
    """A token was given but opens nothing here. The answer never says what exists."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status

    def response(self) -> HttpResponse:
        if self.status == 401:
            response = HttpResponse(
                "A valid partner token is required.\n", status=401, content_type="text/plain"
            )
            response["WWW-Authenticate"] = 'Bearer realm="feeds"'
            return response
        return HttpResponse(
            "This token does not open this feed.\n", status=403, content_type="text/plain"
        )


def presented_token(request: HttpRequest) -> str:
    authorization = request.headers.get("Authorization", "")
    if authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return request.headers.get(TOKEN_HEADER) or request.GET.get(TOKEN_PARAMETER, "")


def feed_access(request: HttpRequest, language: str, public_full_text: bool) -> FeedAccess:
    secret = presented_token(request)
    if not secret:
        return FeedAccess(full_text=public_full_text)
    token = PartnerToken.authenticate(secret)
    if token is None:
        raise FeedRefused(401)
    partner = token.partner
    if language not in partner.languages:
        raise FeedRefused(403)
    return FeedAccess(
        full_text=partner.full_text or public_full_text,
        embargoed=partner.embargoed,
        partner_id=partner.pk,
    )


@dataclass(frozen=True)
class SyndicatingSite:
    """The few facts about the requested site that feeds need, cached per host."""

    name: str
    root_url: str
    public_full_text: bool
    rights: str

    def home_url(self, language: str) -> str:
        with override(language):
            return self.root_url + reverse("wagtail_serve", args=[""])


def syndicating_site(request: HttpRequest, changed_at: datetime) -> SyndicatingSite:
    """Cached until feeds change: saving the settings or a site marks them changed."""
    host = request.get_host()
    key = f"feeds:site:{changed_at.timestamp()}:{host}"
    site = cache.get(key)
    if site is None:
        wagtail_site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        options = SyndicationSettings.for_site(wagtail_site)
        site = SyndicatingSite(
            name=wagtail_site.site_name,
            root_url=wagtail_site.root_url,
            public_full_text=options.public_full_text,
            rights=options.rights_notice,
        )
        cache.set(key, site, timeout=3600)
    return site
