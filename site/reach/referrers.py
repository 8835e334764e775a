"""Where a read came from: the kind of the referring site, from its host name alone.

The beacon sends only the referring page's host (``www.google.com``), never its address, so
that neither a search nor a private page's path is ever received. Direct reads have no host;
reads from another page of the newsroom are internal.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

DIRECT = ""
INTERNAL = "."
HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}")


class ReferrerKind(models.TextChoices):
    """The kinds of referring site the ministry tells apart."""

    DIRECT = "direct", _("Direct")
    INTERNAL = "internal", _("Within the newsroom")
    SEARCH = "search", _("Search engines")
    SOCIAL = "social", _("Social networks")
    PARTNER = "partner", _("Partner sites")
    FEED_READER = "feed_reader", _("Feed readers")
    OTHER = "other", _("Other sites")


# Registered domains (and their subdomains) of the services readers abroad use most.
SEARCH_ENGINES = (
    "google", "bing.com", "duckduckgo.com", "yahoo.com", "yandex", "baidu.com", "naver.com",
    "daum.net", "coccoc.com", "ecosia.org", "qwant.com", "seznam.cz", "so.com", "sogou.com",
    "search.brave.com", "startpage.com",
)  # fmt: skip
SOCIAL_NETWORKS = (
    "facebook.com", "fb.com", "t.co", "twitter.com", "x.com", "linkedin.com", "lnkd.in",
    "zalo.me", "vk.com", "ok.ru", "weibo.com", "weibo.cn", "line.me", "reddit.com",
    "t.me", "telegram.org", "youtube.com", "instagram.com", "threads.net", "bsky.app",
    "kakao.com", "mastodon.social", "wechat.com", "qq.com", "douyin.com", "tiktok.com",
)  # fmt: skip
FEED_READERS = (
    "feedly.com", "inoreader.com", "newsblur.com", "theoldreader.com", "netvibes.com",
    "feedbin.com", "feeder.co", "bazqux.com",
)  # fmt: skip


def _within(host: str, domains: tuple[str, ...]) -> bool:
    for domain in domains:
        if "." not in domain:  # a brand under every country's domain: google.fr, yandex.ru
            if host.startswith(f"{domain}.") or f".{domain}." in host:
                return True
        elif host == domain or host.endswith(f".{domain}"):
            return True
    return False


def referrer_kind(host: str, partner_hosts: frozenset[str] = frozenset()) -> ReferrerKind:
    """The kind of the site a read came from, ``host`` as the beacon buffered it."""
    if host == DIRECT:
        return ReferrerKind.DIRECT
    if host == INTERNAL:
        return ReferrerKind.INTERNAL
    if host in partner_hosts or host.removeprefix("www.") in partner_hosts:
        return ReferrerKind.PARTNER
    if _within(host, FEED_READERS):
        return ReferrerKind.FEED_READER
    if _within(host, SEARCH_ENGINES):
        return ReferrerKind.SEARCH
    if _within(host, SOCIAL_NETWORKS):
        return ReferrerKind.SOCIAL
    return ReferrerKind.OTHER
