"""What a feed says about itself: its title, the page it mirrors, its own URL and hub."""

from dataclasses import dataclass, fields
from datetime import datetime
from urllib.parse import urlencode, urljoin

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.frame import text_in
from content.models import (
    MinistryUnit,
    Region,
    RegionIndexPage,
    SectionPage,
    Tag,
    Topic,
    TopicIndexPage,
    UnitIndexPage,
    localized_slug_q,
)
from search.syndication.feeds.items import xml_safe
from search.syndication.feeds.selection import FeedKind, FeedSelection

TAXONOMIES = {
    FeedKind.TOPIC: (Topic, TopicIndexPage),
    FeedKind.REGION: (Region, RegionIndexPage),
    FeedKind.UNIT: (MinistryUnit, UnitIndexPage),
}


@dataclass(frozen=True)
class FeedChannel:
    """What a feed says about itself, in every format.

    Names of sections, terms and tags, the site's name and its rights notice are typed by
    people: a channel drops the characters XML forbids from all of them, whatever the format.
    """

    title: str
    description: str
    link: str  # the page of the site that lists the same stories
    feed_url: str
    language: str
    publisher: str = ""
    rights: str = ""
    hub: str = ""
    # When an empty feed last changed: its date then, never the moment it was rendered.
    updated: datetime | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str):
                object.__setattr__(self, field.name, xml_safe(value))


@dataclass(frozen=True)
class SelectionPage:
    """The name of a feed's selection, and the page of the site that lists the same stories."""

    name: str
    url: str


def selection_page(selection: FeedSelection, home_url: str) -> SelectionPage:
    """The selection's name and the page that lists it; ``Http404`` for an unknown term."""
    kind, slug = selection.kind, selection.slug
    if kind == FeedKind.ALL:
        return SelectionPage(_("All stories"), home_url)
    if kind == FeedKind.SEARCH:
        return SelectionPage(
            _("Search: %(query)s") % {"query": selection.query},
            f"{home_url}search/?{urlencode({'q': selection.query})}",
        )
    if kind == FeedKind.SECTION:
        # A section's feed exists in every language, as its page does (ADR 10).
        section = SectionPage.objects.live().public().filter(localized_slug_q(slug)).first()
        if section is None:
            raise Http404
        name = text_in(section, "title", selection.language).text
        return SelectionPage(name, _on_site(section, home_url))
    if kind == FeedKind.TAG:
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        name = tag.label_in(selection.language).text
        return SelectionPage(_("Tag: %(tag)s") % {"tag": name}, home_url)
    model, index_page_model = TAXONOMIES[kind]
    term = model.objects.filter(slug=slug).first()
    if term is None:
        raise Http404
    index_page = index_page_model.objects.live().first()
    url = f"{_on_site(index_page, home_url)}{slug}/" if index_page else home_url
    return SelectionPage(term.name, url)


def _on_site(page: Page, home_url: str) -> str:
    """The page's URL on the site the reader asked, whose home is at ``home_url``."""
    parts = page.get_url_parts()
    return urljoin(home_url, parts[2]) if parts else home_url


def channel_title(site_name: str, page: SelectionPage) -> str:
    return f"{site_name}: {page.name}" if site_name else page.name


def websub_hub() -> str:
    return str(settings.NEWSROOM_FEEDS.get("websub_hub", ""))
