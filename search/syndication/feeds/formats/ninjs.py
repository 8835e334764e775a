"""IPTC ninjs 2.1, the news industry's JSON for agency systems: one object per story.

A selection is served as ``{"feed": {...}, "items": [ninjs, ...]}``: ninjs describes
items, not lists of them.
"""

import json
from collections.abc import Iterable
from typing import Any

from django.utils.html import strip_tags

from search.syndication.feeds.channel import FeedChannel
from search.syndication.feeds.formats.common import embargo_notice, language_tag, utc_iso
from search.syndication.feeds.items import Category, FeedItem

STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#",
}


def _entities(categories: Iterable[Category]) -> list[dict[str, str]]:
    return [{"name": category.name, "literal": category.slug} for category in categories]


def ninjs_item(story: FeedItem, rights: str = "") -> dict[str, Any]:
    """One story as a ninjs object."""
    item: dict[str, Any] = {
        "uri": story.uid,
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full" if story.body_html else "partial",
        "version": story.revision_id or "1",
        "firstcreated": utc_iso(story.published),
        "versioncreated": utc_iso(story.updated),
        "contentcreated": utc_iso(story.published),
        "pubstatus": "usable",
        "language": language_tag(story.language),
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": story.title}],
        "descriptions": [
            {"role": "summary", "contenttype": "text/plain", "value": story.standfirst}
        ],
        "altids": [{"role": "url", "value": story.url}],
        "genres": [{"name": story.kind, "literal": story.kind}] if story.kind else [],
        "subjects": [{**entity, "rel": "about"} for entity in _entities(story.topics)],
        "places": _entities(story.regions),
        "organisations": _entities(story.units),
        "objects": [
            {
                "name": f"{document.kind} {document.number}: {document.title}",
                "rel": "cites",
                "literal": document.number,
            }
            for document in story.documents
        ],
    }
    if story.body_html:
        words = strip_tags(story.body_html).split()
        item["bodies"] = [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": story.body_html,
                "charcount": len(" ".join(words)),
                "wordcount": len(words),
            }
        ]
    if story.authors:
        item["by"] = ", ".join(story.authors)
    if story.embargoed_until:
        item["embargoed"] = utc_iso(story.embargoed_until)
        item["ednote"] = embargo_notice(story.embargoed_until, story.language)
    if rights:
        item["copyrightnotice"] = rights
    if story.source_url:
        item["infosources"] = [
            {"name": story.source_name, "uri": story.source_url, "role": "originating source"}
        ]
    if story.image:
        image = story.image
        rendition = {
            "name": "original",
            "href": image.url,
            "contenttype": image.type,
            "width": image.width,
            "height": image.height,
        }
        if image.length:
            rendition["sizeinbytes"] = image.length
        association = {
            "name": "featureimage",
            "uri": image.url,
            "type": "picture",
            "renditions": [rendition],
        }
        if image.alt:
            association["descriptions"] = [
                {"role": "alt", "contenttype": "text/plain", "value": image.alt}
            ]
        if image.credit:
            association["by"] = image.credit
        item["associations"] = [association]
    return {key: value for key, value in item.items() if value != []}


def render_ninjs(channel: FeedChannel, items: list[FeedItem]) -> bytes:
    document = {
        "feed": {
            "title": channel.title,
            "url": channel.feed_url,
            "home_page_url": channel.link,
            "language": language_tag(channel.language),
        },
        "items": [ninjs_item(story, channel.rights) for story in items],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
