"""``{% feed_links %}``: each page announces the feeds of what it lists; ``|xml_safe`` for XML."""

from collections.abc import Iterator

from django import template
from django.template import Context
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.models import RegionIndexPage, SectionPage, TopicIndexPage, UnitIndexPage
from search.syndication.feeds import FeedKind, feed_path
from search.syndication.feeds import xml_safe as without_xml_forbidden

register = template.Library()

LINKED_FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)
TAXONOMY_KINDS: dict[type, str] = {
    TopicIndexPage: FeedKind.TOPIC,
    RegionIndexPage: FeedKind.REGION,
    UnitIndexPage: FeedKind.UNIT,
}


@register.filter
def xml_safe(value: object) -> str:
    """The text without the characters XML forbids, for XML templates (then autoescaped)."""
    return without_xml_forbidden(value)


def _selections(context: Context, language: str) -> Iterator[tuple[str, str, str, str]]:
    """(name, kind, slug, query) of the feeds that mirror this page, the most specific first."""
    page, term, query = context.get("page"), context.get("term"), context.get("query")
    if isinstance(page, SectionPage):
        yield page.title, FeedKind.SECTION, page.slug_in(language), ""
    if term is not None and type(page) in TAXONOMY_KINDS:
        yield term.name, TAXONOMY_KINDS[type(page)], term.slug, ""
    if query:
        yield _("Search: %(query)s") % {"query": query}, FeedKind.SEARCH, "", query
    yield _("All stories"), FeedKind.ALL, "", ""


@register.inclusion_tag("search/includes/feed_links.html", takes_context=True)
def feed_links(context: Context) -> dict[str, list[dict[str, str]]]:
    language = get_language()
    links = []
    for name, kind, slug, query in _selections(context, language):
        for format, mime_type, label in LINKED_FORMATS:
            href = feed_path(language, format, kind, slug, query)
            links.append({"title": f"{name} ({label})", "type": mime_type, "href": href})
    return {"links": links}
