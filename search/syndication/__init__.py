"""Syndication: stories carried to partners' systems, feed readers and search engines.

``feeds`` (a subpackage: feeds per language and selection, partners' tokens), ``websub``
(telling the hub which feeds changed), ``sitemaps`` and ``sitemap_views`` (sitemaps and
robots.txt), ``partner_admin`` (issuing and revoking partners' tokens in the admin).

Dependencies point one way: syndication imports ``search.reader`` and ``search.index``;
neither imports syndication. It learns that the index changed through
``search.index.index_changed`` and ``search.index.outbox_drained``, whose receivers
``search.signal_handlers`` connects. Outside code imports from ``search.syndication`` and
``search.syndication.feeds``, not from their modules.
"""

from search.syndication.partner_admin import (
    MANAGE_PARTNERS,
    IssueTokenForm,
    partner_tokens,
    revoke_partner_token,
)
from search.syndication.sitemap_views import (
    robots_txt,
    sitemap_index,
    sitemap_paths,
    sitemap_section,
)
from search.syndication.sitemaps import NewsEntry, NewsSitemap, PageSitemap, live_languages
from search.syndication.websub import (
    HubUnreachable,
    changed_feed_urls,
    notify_hub,
    upcoming_publications,
)

__all__ = [
    "MANAGE_PARTNERS",
    "HubUnreachable",
    "IssueTokenForm",
    "NewsEntry",
    "NewsSitemap",
    "PageSitemap",
    "changed_feed_urls",
    "live_languages",
    "notify_hub",
    "partner_tokens",
    "revoke_partner_token",
    "robots_txt",
    "sitemap_index",
    "sitemap_paths",
    "sitemap_section",
    "upcoming_publications",
]
