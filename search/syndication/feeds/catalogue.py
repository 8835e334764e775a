"""Every feed of a language, for the feeds index page, its OPML file and pages' links."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from content.frame import text_in
from content.models import MinistryUnit, Region, SectionPage, Topic
from search.syndication.feeds.selection import FeedKind

FEED_FORMATS = ("rss", "atom", "json", "ninjs")


def feed_path(
    language: str, format: str, kind: str = FeedKind.ALL, slug: str = "", query: str = ""
) -> str:
    with override(language):
        if kind == FeedKind.ALL:
            return reverse("feed", kwargs={"format": format})
        if kind == FeedKind.SEARCH:
            return reverse("feed_search", kwargs={"format": format}) + "?" + urlencode({"q": query})
        return reverse("feed_term", kwargs={"kind": kind, "slug": slug, "format": format})


@dataclass
class CatalogueFeed:
    """A feed in the catalogue: its name, selection, and URL in each format."""

    name: str
    kind: str
    slug: str
    urls: dict[str, str] = field(default_factory=dict)  # format -> absolute URL


@dataclass
class CatalogueGroup:
    """Feeds of one kind in the catalogue: everything, sections, topics, regions or units."""

    title: str | Promise  # a lazy translation until the page renders
    feeds: list[CatalogueFeed]


def feed_catalogue(request: HttpRequest, language: str) -> list[CatalogueGroup]:
    """Every feed of ``language``, grouped: everything, sections, topics, regions, units."""

    def entry(name: Any, kind: str = FeedKind.ALL, slug: str = "") -> CatalogueFeed:
        urls = {
            format: request.build_absolute_uri(feed_path(language, format, kind, slug))
            for format in FEED_FORMATS
        }
        return CatalogueFeed(str(name), kind, slug, urls)

    # Every section, as on the site: its name falls back in the frame's order (ADR 10).
    sections = SectionPage.objects.live().public().order_by("path")
    groups = [
        CatalogueGroup(_("Everything"), [entry(_("All stories"))]),
        CatalogueGroup(
            _("Sections"),
            [
                entry(text_in(s, "title", language), FeedKind.SECTION, s.slug_in(language))
                for s in sections
            ],
        ),
    ]
    for title, kind, model in (
        (_("Topics"), FeedKind.TOPIC, Topic),
        (_("Regions and markets"), FeedKind.REGION, Region),
        (_("Units of the ministry"), FeedKind.UNIT, MinistryUnit),
    ):
        groups.append(
            CatalogueGroup(
                title, [entry(term.name, kind, term.slug) for term in model.objects.all()]
            )
        )
    return [group for group in groups if group.feeds]
