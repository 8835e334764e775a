"""What a feed says about itself: its title, the page it mirrors, its own URL and hub."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from taggit.models import Tag

from content.models import (
    MinistryUnit,
    Region,
    RegionIndexPage,
    SectionPage,
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
    """What a feed says about itself, in every format."""

    title: str
    description: str
    link: str  # the page of the site that lists the same stories
    feed_url: str
    language: str
    publisher: str = ""
    rights: str = ""
    hub: str = ""


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
        section = SectionPage.objects.live().public().filter(localized_slug_q(slug)).first()
        if section is None or not section.is_written_in(selection.language):
            raise Http404
        return SelectionPage(section.title, section.get_full_url())
    if kind == FeedKind.TAG:
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return SelectionPage(_("Tag: %(tag)s") % {"tag": tag.name}, home_url)
    model, index_page_model = TAXONOMIES[kind]
    term = model.objects.filter(slug=slug).first()
    if term is None:
        raise Http404
    index_page = index_page_model.objects.live().first()
    url = f"{index_page.get_full_url()}{slug}/" if index_page else home_url
    return SelectionPage(term.name, url)


def channel_title(site_name: str, page: SelectionPage) -> str:
    return xml_safe(f"{site_name}: {page.name}" if site_name else page.name)


def websub_hub() -> str:
    return str(settings.NEWSROOM_FEEDS.get("websub_hub", ""))
