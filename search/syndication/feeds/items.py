"""One story as every feed format sees it, built from its search document.

Index and database fallback produce the same document (``search.index.documents``), so the
three feed formats and ninjs read one shape, written once.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.dateparse import parse_datetime

from search.index import absolute_urls

# XML 1.0 forbids these (and lone surrogates, which no encoding can write); word processors
# paste them into text all the same, and JSON readers choke on them as often.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """``text`` as a string without the characters XML forbids; ``None`` is ""."""
    return XML_FORBIDDEN.sub("", "" if text is None else str(text))


def absolute_url(url: str, root_url: str) -> str:
    """A root-relative ``url`` on the site at ``root_url``; other URLs are left as they are."""
    if url.startswith("/") and not url.startswith("//"):
        return root_url.rstrip("/") + url
    return url


@dataclass(frozen=True)
class Category:
    """A topic, region or unit a story is filed under."""

    slug: str
    name: str
    scheme: str  # "topic", "region", "unit"


@dataclass(frozen=True)
class Image:
    """A story's hero image as feeds enclose it."""

    url: str
    width: int
    height: int
    type: str
    length: int
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class CitedDocument:
    """An official document a story cites."""

    number: str
    kind: str
    title: str
    issuing_body: str
    date_signed: str


@dataclass(frozen=True)
class FeedItem:
    """One story in a feed, in one language, as every format reads it."""

    uid: str
    page_id: int
    revision_id: str
    language: str
    url: str
    title: str
    standfirst: str
    published: datetime
    updated: datetime
    kind: str = ""
    section: str = ""
    body_html: str = ""  # empty unless the reader may have the full text
    authors: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    documents: tuple[CitedDocument, ...] = ()
    image: Image | None = None
    source_name: str = ""
    source_url: str = ""
    embargoed_until: datetime | None = None  # set only while the embargo holds

    @classmethod
    def from_document(cls, source: dict, now: datetime, full_text: bool) -> "FeedItem":
        def text(name: str) -> str:
            return xml_safe(source.get(name))

        def terms(scheme: str, labels: str) -> list[Category]:
            found = []
            for label in source.get(labels) or []:
                slug, _sep, name = label.partition("|")
                found.append(Category(slug, xml_safe(name or slug), scheme))
            return found

        # Every indexed story has a publication date; the mapping requires it.
        published = _datetime(source.get("publication_date")) or now
        embargo = _datetime(source.get("embargoed_until"))
        hero = source.get("hero")
        origin = source.get("source") or {}
        return cls(
            uid=source["uid"],
            page_id=int(source["page_id"]),
            revision_id=source.get("revision_id") or "",
            language=source["language"],
            url=xml_safe(source.get("url")),
            title=text("title"),
            standfirst=text("standfirst"),
            published=published,
            updated=max(published, _datetime(source.get("last_published_at")) or published),
            kind=xml_safe(source.get("kind")),
            section=xml_safe(source.get("section_label", "|").partition("|")[2]),
            body_html=text("body_html") if full_text else "",
            authors=tuple(xml_safe(name) for name in source.get("authors") or []),
            categories=(
                *terms("topic", "topics_labels"),
                *terms("region", "regions_labels"),
                *terms("unit", "units_labels"),
            ),
            documents=tuple(
                CitedDocument(**{key: xml_safe(value) for key, value in document.items()})
                for document in source.get("cited_documents") or []
            ),
            image=_image(hero) if hero else None,
            source_name=xml_safe(origin.get("name")),
            source_url=xml_safe(origin.get("url")),
            embargoed_until=embargo if embargo and embargo > now else None,
        )

    def on_site(self, root_url: str) -> "FeedItem":
        """The item with its links, image and body's links on the site at ``root_url``.

        The index stores paths: the host is the one of the site the reader asked.
        """
        return replace(
            self,
            url=absolute_url(self.url, root_url),
            body_html=absolute_urls(self.body_html, root_url) if self.body_html else "",
            image=(
                replace(self.image, url=absolute_url(self.image.url, root_url))
                if self.image
                else None
            ),
        )

    @property
    def topics(self) -> list[Category]:
        return [c for c in self.categories if c.scheme == "topic"]

    @property
    def regions(self) -> list[Category]:
        return [c for c in self.categories if c.scheme == "region"]

    @property
    def units(self) -> list[Category]:
        return [c for c in self.categories if c.scheme == "unit"]


def _datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_datetime(value)


def _image(hero: dict) -> Image:
    return Image(
        url=xml_safe(hero["url"]),
        width=int(hero["width"]),
        height=int(hero["height"]),
        type=xml_safe(hero["type"]),
        length=int(hero["length"]),
        alt=xml_safe(hero.get("alt")),
        caption=xml_safe(hero.get("caption")),
        credit=xml_safe(hero.get("credit")),
    )
