"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with our extension under ``_newsroom``."""

import json
from typing import Any

from search.syndication.feeds.channel import FeedChannel
from search.syndication.feeds.formats.common import display_title, language_tag, utc_iso
from search.syndication.feeds.items import FeedItem

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed_item(story: FeedItem) -> dict[str, Any]:
    """One story as a JSON Feed item, our fields under ``_newsroom``."""
    item: dict[str, Any] = {
        "id": story.uid,
        "url": story.url,
        "title": display_title(story.title, story.embargoed_until, story.language),
        "summary": story.standfirst,
        "date_published": utc_iso(story.published),
        "date_modified": utc_iso(story.updated),
        "language": language_tag(story.language),
        "authors": [{"name": name} for name in story.authors],
        "tags": [category.name for category in story.categories if category.scheme != "unit"],
    }
    if story.body_html:
        item["content_html"] = story.body_html
    else:
        item["content_text"] = story.standfirst
    if story.source_url:
        item["external_url"] = story.source_url
    if story.image:
        item["image"] = story.image.url
        if story.image.length:
            item["attachments"] = [
                {
                    "url": story.image.url,
                    "mime_type": story.image.type,
                    "size_in_bytes": story.image.length,
                    "title": story.image.alt,
                }
            ]
    extension = {
        "section": story.section,
        "kind": story.kind,
        "topics": [{"slug": c.slug, "name": c.name} for c in story.topics],
        "regions": [{"slug": c.slug, "name": c.name} for c in story.regions],
        "units": [{"slug": c.slug, "name": c.name} for c in story.units],
        "official_documents": [
            {
                "number": d.number,
                "kind": d.kind,
                "title": d.title,
                "issuing_body": d.issuing_body,
                "date_signed": d.date_signed,
            }
            for d in story.documents
        ],
        "source_name": story.source_name,
        "embargoed_until": utc_iso(story.embargoed_until) if story.embargoed_until else None,
    }
    item["_newsroom"] = extension
    return item


def render_json_feed(channel: FeedChannel, items: list[FeedItem]) -> bytes:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": channel.title,
        "home_page_url": channel.link,
        "feed_url": channel.feed_url,
        "description": channel.description,
        "language": language_tag(channel.language),
        "authors": [{"name": channel.publisher}] if channel.publisher else [],
        "items": [json_feed_item(story) for story in items],
    }
    if channel.hub:
        feed["hubs"] = [{"type": "WebSub", "url": channel.hub}]
    if channel.rights:  # JSON Feed has no rights field: ours, as its extensions are named
        feed["_newsroom"] = {"rights": channel.rights}
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode()
