"""RSS 2.0 and Atom 1.0, on Django's feed generator, with Media RSS and our extensions."""

from datetime import datetime
from io import StringIO
from typing import Any

from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.xmlutils import SimplerXMLGenerator

from search.syndication.feeds.channel import FeedChannel
from search.syndication.feeds.formats.common import (
    NEWSROOM_NS,
    display_title,
    language_tag,
    utc_iso,
)
from search.syndication.feeds.items import FeedItem

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class NewsroomElements:
    """Elements both XML formats add to an item: image, documents, embargo, language."""

    namespaces = {"xmlns:media": MEDIA_NS, "xmlns:dc": DC_NS, "xmlns:newsroom": NEWSROOM_NS}
    feed: dict[str, Any]
    items: list[dict[str, Any]]

    def latest_post_date(self) -> datetime:
        """The newest item's date; for an empty feed, when it changed, not when it was built.

        The ETag hashes the body: the same feed rendered again must read the same.
        """
        if not self.items and self.feed.get("updated"):
            return self.feed["updated"]
        return super().latest_post_date()  # type: ignore[misc]

    def add_newsroom_elements(self, handler: SimplerXMLGenerator, story: FeedItem) -> None:
        handler.addQuickElement("dc:language", language_tag(story.language))
        if story.image:
            image = story.image
            attributes = {
                "url": image.url,
                "type": image.type,
                "medium": "image",
                "width": str(image.width),
                "height": str(image.height),
            }
            if image.length:
                attributes["fileSize"] = str(image.length)
            handler.startElement("media:content", attributes)  # type: ignore[arg-type]
            if image.alt:
                handler.addQuickElement("media:description", image.alt, {"type": "plain"})
            if image.credit:
                handler.addQuickElement("media:credit", image.credit)
            handler.endElement("media:content")
        if story.embargoed_until:
            handler.addQuickElement("newsroom:embargoedUntil", utc_iso(story.embargoed_until))
        for document in story.documents:
            handler.addQuickElement(
                "newsroom:officialDocument",
                document.title,
                {
                    "number": document.number,
                    "kind": document.kind,
                    "issuingBody": document.issuing_body,
                    "signed": document.date_signed,
                },
            )


class NewsroomRss(NewsroomElements, Rss201rev2Feed):
    """RSS 2.0 with the full text (content:encoded), the source, and our elements."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), **self.namespaces, "xmlns:content": CONTENT_NS}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        story: FeedItem = item["story"]
        if story.body_html:
            handler.addQuickElement("content:encoded", story.body_html)
        if story.source_url:
            handler.addQuickElement("source", story.source_name, {"url": story.source_url})
        self.add_newsroom_elements(handler, story)


class NewsroomAtom(NewsroomElements, Atom1Feed):
    """Atom 1.0 with every byline, the full text, the source, and our elements."""

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), **self.namespaces}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        story: FeedItem = item["story"]
        # Django writes one author; a story may have several bylines.
        item = {**item, "author_name": None}
        super().add_item_elements(handler, item)
        for name in story.authors:
            handler.startElement("author", {})  # type: ignore[arg-type]
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if story.body_html:
            handler.addQuickElement("content", story.body_html, {"type": "html"})
        if story.source_url:
            handler.addQuickElement(
                "link", "", {"rel": "via", "href": story.source_url, "title": story.source_name}
            )
        self.add_newsroom_elements(handler, story)


def _render(
    feed_class: type[SyndicationFeed], channel: FeedChannel, items: list[FeedItem]
) -> bytes:
    feed = feed_class(
        title=channel.title,
        link=channel.link,
        description=channel.description,
        language=language_tag(channel.language),
        feed_url=channel.feed_url,
        feed_guid=channel.feed_url,
        feed_copyright=channel.rights or None,
        author_name=channel.publisher or None,
        hub=channel.hub,
        updated=channel.updated,
    )
    for story in items:
        enclosures = (
            [Enclosure(story.image.url, str(story.image.length), story.image.type)]
            if story.image and story.image.length
            else None
        )
        feed.add_item(
            title=display_title(story.title, story.embargoed_until, story.language),
            link=story.url,
            description=story.standfirst,
            author_name=", ".join(story.authors) or None,
            pubdate=story.published,
            updateddate=story.updated,
            unique_id=story.uid,
            unique_id_is_permalink=False,
            categories=[
                category.name for category in story.categories if category.scheme != "unit"
            ],
            enclosures=enclosures,
            story=story,
        )
    out = StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode()


def render_rss(channel: FeedChannel, items: list[FeedItem]) -> bytes:
    return _render(NewsroomRss, channel, items)


def render_atom(channel: FeedChannel, items: list[FeedItem]) -> bytes:
    return _render(NewsroomAtom, channel, items)
