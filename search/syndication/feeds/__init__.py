"""Feeds of stories per language and selection, for readers and partners: RSS, Atom, JSON, ninjs.

A feed is a query: ``selection`` picks the stories from the index (or the database when the
node is away), ``items`` reads each story's document once for every format, ``formats``
renders them, ``channel`` says what the feed is, ``access`` who reads it (partners'
tokens), ``freshness`` and ``http`` when it changed and how it is served, ``catalogue``
lists every feed, and ``views`` and ``urls`` serve them.

Dependencies point one way: views → formats → channel, access, catalogue → selection →
items; feeds import ``search.reader`` and ``search.index``, never the rest of syndication.
Outside code imports from ``search.syndication.feeds``, not from its modules (the URLconf
is included as ``search.syndication.feeds.urls``).
"""

from search.syndication.feeds.access import (
    FeedRefused,
    SyndicatingSite,
    feed_access,
    presented_token,
    syndicating_site,
)
from search.syndication.feeds.catalogue import (
    FEED_FORMATS,
    CatalogueFeed,
    CatalogueGroup,
    feed_catalogue,
    feed_path,
)
from search.syndication.feeds.channel import (
    FeedChannel,
    SelectionPage,
    channel_title,
    selection_page,
    websub_hub,
)
from search.syndication.feeds.freshness import feeds_changed, feeds_changed_at
from search.syndication.feeds.http import RenderedFeed, feed_response
from search.syndication.feeds.items import Category, CitedDocument, FeedItem, Image, xml_safe
from search.syndication.feeds.selection import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    FeedAccess,
    FeedKind,
    FeedSelection,
    FeedStories,
    database_stories,
    elasticsearch_stories,
    feed_stories,
)
from search.syndication.feeds.views import (
    FeedParameters,
    feed,
    feed_pulled,
    feeds_index,
    feeds_opml,
)

__all__ = [
    "DEFAULT_LIMIT",
    "FEED_FORMATS",
    "MAX_LIMIT",
    "CatalogueFeed",
    "CatalogueGroup",
    "Category",
    "CitedDocument",
    "FeedAccess",
    "FeedChannel",
    "FeedItem",
    "FeedKind",
    "FeedParameters",
    "FeedRefused",
    "FeedSelection",
    "FeedStories",
    "Image",
    "RenderedFeed",
    "SelectionPage",
    "SyndicatingSite",
    "channel_title",
    "database_stories",
    "elasticsearch_stories",
    "feed",
    "feed_access",
    "feed_catalogue",
    "feed_path",
    "feed_pulled",
    "feed_response",
    "feed_stories",
    "feeds_changed",
    "feeds_changed_at",
    "feeds_index",
    "feeds_opml",
    "presented_token",
    "selection_page",
    "syndicating_site",
    "websub_hub",
    "xml_safe",
]
