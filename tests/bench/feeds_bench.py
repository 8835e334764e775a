"""`make bench-feeds`: a 50-item full-text feed from the index, against the usual database way.

Over the benchmark corpus it times, through the whole Django stack, the first response after
the index changed (nothing cached), a warm response (the rendered feed cached), and a 304
(the reader already holds it), each with the SQL queries it made; then the same feed built
by Django's syndication framework walking the database, so the ratio is visible.
"""

import os
import statistics
import time

from tests.bench.common import bootstrap, build_corpus, latency_line, percentile, prepare

bootstrap()

from django.conf import settings  # noqa: E402
from django.contrib.syndication.views import Feed  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.utils.translation import get_language, override  # noqa: E402
from wagtail.models import Site  # noqa: E402

from content.models import ArticlePage  # noqa: E402
from search.index import rebuild_indices  # noqa: E402
from search.models import Partner, PartnerToken, SyndicationSettings  # noqa: E402
from search.syndication.feeds import feeds_changed  # noqa: E402

RUNS = int(os.environ.get("BENCH_FEED_RUNS", "40"))
LENGTH = 50
LANGUAGE = "en"
FEED_URL = f"/{LANGUAGE}/feeds/all.rss?limit={LENGTH}"
DATABASE_FEED_URL = "/bench/database-feed.rss"


class DatabaseFeed(Feed):
    """The same feed built the usual way: Django's syndication framework over the page tree."""

    title = "All stories"
    link = f"/{LANGUAGE}/"
    description = "Stories, with their full text"

    def items(self):
        return (
            ArticlePage.objects.readable_in(get_language())
            .newest_first()
            .select_related("lead_unit")
            .prefetch_related("topics", "regions", "bylines__author")[:LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return str(item.body)  # the full text, each block rendered by its template

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.publication_date

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(byline.author.name for byline in item.bylines.all())

    def item_categories(self, item):
        return [term.name for term in [*item.topics.all(), *item.regions.all()]]


def database_feed(request):
    with override(LANGUAGE):
        return DatabaseFeed()(request)


urlpatterns = [path(DATABASE_FEED_URL.lstrip("/"), database_feed)]


def measure(client, url, before=None, **headers):
    """(milliseconds, SQL queries, response) of ``RUNS`` requests of ``url``."""
    times, queries = [], []
    response = None
    for _ in range(RUNS):
        if before:
            before()
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 304), response.content[:300]
        queries.append(len(context.captured_queries))
    return times, queries, response


def report(name, times, queries):
    print(latency_line(name, times, "requests", width=40) + f"   SQL {max(queries)}")


def main():
    prepare()
    build_corpus()
    from newsroom import urls as site_urls

    urlpatterns.extend(site_urls.urlpatterns)
    settings.ROOT_URLCONF = __name__
    clear_url_caches()

    result = rebuild_indices()
    print(f"Index rebuilt: {result.documents} documents")
    options = SyndicationSettings.for_site(Site.objects.get(is_default_site=True))
    options.public_full_text = True
    options.save()
    Partner.objects.filter(name="Bench wire").delete()

    client = Client()
    for url in (FEED_URL, DATABASE_FEED_URL):  # warm up connections and templates
        client.get(url)

    cold, cold_queries, response = measure(client, FEED_URL, before=feeds_changed)
    items = response.content.count(b"<item>")
    assert items == LENGTH and b"<content:encoded>" in response.content, "not a full-text feed"
    warm, warm_queries, response = measure(client, FEED_URL)
    etag = response["ETag"]
    not_modified, nm_queries, response = measure(client, FEED_URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    _token, secret = PartnerToken.issue(
        Partner.objects.create(name="Bench wire", languages=[LANGUAGE], full_text=True), "bench"
    )
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    partner_cold, partner_cold_queries, _response = measure(
        client, FEED_URL, before=feeds_changed, **bearer
    )
    partner_warm, partner_warm_queries, _response = measure(client, FEED_URL, **bearer)
    database, database_queries, response = measure(client, DATABASE_FEED_URL)
    assert response.content.count(b"<item>") == LENGTH

    print(f"\n{LENGTH}-item full-text RSS feed in {LANGUAGE}, {RUNS} requests each")
    report("Index, uncached (first after change)", cold, cold_queries)
    report("Index, warm (rendered feed cached)", warm, warm_queries)
    report("Index, 304 (If-None-Match)", not_modified, nm_queries)
    report("Index, uncached, with a partner's token", partner_cold, partner_cold_queries)
    report("Index, warm, with a partner's token", partner_warm, partner_warm_queries)
    report("Django syndication over the database", database, database_queries)
    ratio = statistics.median(database) / statistics.median(cold)
    print(f"  median ratio database / index, uncached: {ratio:.1f}x")
    print(
        f"  targets: uncached < 60 ms with <= 3 queries "
        f"({'met' if percentile(cold, 0.5) < 60 and max(cold_queries) <= 3 else 'MISSED'}), "
        f"warm < 5 ms ({'met' if statistics.median(warm) < 5 else 'MISSED'}), "
        f"304 < 3 ms ({'met' if statistics.median(not_modified) < 3 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
