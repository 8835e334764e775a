"""WebSub: telling the hub which feeds changed, so subscribers fetch them now, not at next poll.

After the outbox syncs stories to the index (``search.index.outbox_drained``), the worker
posts the URLs of every feed those stories are in to the hub
(``NEWSROOM_FEEDS["websub_hub"]``): each format of the all-stories feed of their languages,
and of their section, topics, regions, units and tags. A story still under embargo changes
the public feeds again when it lifts, so a second announcement is scheduled for that moment
(``search.tasks`` enqueues both).

A deleted story is no longer known, so for it only the all-stories feeds are announced; a
topic feed it left is fetched at the subscriber's next poll.
"""

from collections.abc import Iterable
from datetime import datetime
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.utils import timezone
from wagtail.models import Site

from content.models import ArticlePage, SectionPage
from search.index import StoryUrls, languages
from search.syndication.feeds import FEED_FORMATS, FeedKind, feed_path

PUBLISH_TIMEOUT = 10
URLS_PER_REQUEST = 100


class HubUnreachable(Exception):
    """The hub did not answer, or refused the publish ping; the worker tries again later."""


def _story_feeds(
    page: ArticlePage, language: str, section: SectionPage | None
) -> set[tuple[str, str]]:
    feeds = {(FeedKind.ALL, "")}
    if section is not None:  # a section's feed exists in every language (ADR 10)
        feeds.add((FeedKind.SECTION, section.slug_in(language)))
    units = [page.lead_unit, *page.coordinating_units.all()] if page.lead_unit else []
    for kind, terms in (
        (FeedKind.TOPIC, page.topics.all()),
        (FeedKind.REGION, page.regions.all()),
        (FeedKind.UNIT, units),
        (FeedKind.TAG, page.tags.all()),
    ):
        feeds.update((kind, term.slug) for term in terms)
    return feeds


def changed_feed_urls(page_ids: Iterable[int]) -> list[str]:
    """Absolute URLs of every feed, in every format, that these stories are (or were) in."""
    page_ids = set(page_ids)
    pages = (
        ArticlePage.objects.filter(pk__in=page_ids)
        .select_related("lead_unit")
        .prefetch_related("topics", "regions", "coordinating_units", "tags", "translations")
    )
    sections = list(SectionPage.objects.all())
    urls = StoryUrls()
    feeds: set[tuple[str, str, str, str]] = set()  # (root URL, language, kind, slug)
    for page in pages:
        page_ids.discard(page.pk)
        section = next((s for s in sections if page.path.startswith(s.path)), None)
        for language in languages():
            if page.is_written_in(language):
                root_url = urls.root_url(page)
                feeds.update(
                    (root_url, language, kind, slug)
                    for kind, slug in _story_feeds(page, language, section)
                )
    if page_ids:
        for site in Site.objects.all():
            feeds.update((site.root_url, language, FeedKind.ALL, "") for language in languages())
    return sorted(
        root_url + feed_path(language, format, kind, slug)
        for root_url, language, kind, slug in feeds
        for format in FEED_FORMATS
    )


def notify_hub(hub: str, topic_urls: list[str]) -> None:
    """Post WebSub publish pings for these topics; ``HubUnreachable`` if the hub refuses."""
    for start in range(0, len(topic_urls), URLS_PER_REQUEST):
        batch = topic_urls[start : start + URLS_PER_REQUEST]
        body = urlencode([("hub.mode", "publish")] + [("hub.url", url) for url in batch])
        # The hub's URL is the operators' setting, not a reader's input.
        request = Request(  # noqa: S310
            hub,
            data=body.encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urlopen(request, timeout=PUBLISH_TIMEOUT) as response:  # noqa: S310
                response.read()
        except (URLError, OSError, ValueError) as error:
            # HTTPError (a 4xx or 5xx from the hub) is a URLError.
            raise HubUnreachable(f"{hub}: {error}") from error


def upcoming_publications(page_ids: Iterable[int]) -> dict[datetime, list[int]]:
    """Stories whose publication (an embargo lifting) is still to come, by that moment."""
    upcoming: dict[datetime, list[int]] = {}
    for page_id, moment in ArticlePage.objects.filter(
        pk__in=list(page_ids), publication_date__gt=timezone.now()
    ).values_list("pk", "publication_date"):
        upcoming.setdefault(moment, []).append(page_id)
    return upcoming
