"""Every URL a feed carries is on the site the reader asked; the index stores paths only."""

import json

import feedparser
import pytest
from wagtail.models import Site

from search.index import alias_name, search_client
from search.syndication.feeds import feeds_changed_at
from search.syndication.feeds.freshness import CHANGED_AT_KEY

pytestmark = pytest.mark.django_db

HOSTS = ("news.example.org", "other.example.net")


@pytest.fixture
def two_sites(settings, home):
    settings.ALLOWED_HOSTS = [*HOSTS, "testserver"]
    return {
        host: Site.objects.create(hostname=host, port=80, root_page=home, site_name=host)
        for host in HOSTS
    }


def rss(client, host, **headers):
    response = client.get("/en/feeds/all.rss", HTTP_HOST=host, **headers)
    assert response.status_code == 200, response.content[:300]
    return response, feedparser.parse(response.content)


def test_links_and_enclosures_use_the_host_the_reader_asked(client, wire, two_sites, locmem_cache):
    for host, site in two_sites.items():
        response, feed = rss(client, host)
        root = site.root_url
        assert root == f"http://{host}"
        assert feed.feed.link.startswith(f"{root}/en/")
        entry = feed.entries[0]
        assert entry.title == wire["coffee"].title_en
        assert entry.link.startswith(f"{root}/en/")
        (enclosure,) = entry.enclosures
        assert enclosure.href.startswith(f"{root}/")
        assert entry.media_content[0]["url"].startswith(f"{root}/")
        body = response.content.decode()
        assert "testserver" not in body  # neither the default site nor WAGTAILADMIN_BASE_URL
        other = next(h for h in HOSTS if h != host)
        assert other not in body  # the first host's cached feed is not served to the second


def test_the_cache_key_covers_the_host_and_the_etag_stays_stable(
    client, wire, two_sites, locmem_cache
):
    first, _feed = rss(client, HOSTS[0])
    second, _feed = rss(client, HOSTS[1])
    assert first["ETag"] != second["ETag"]
    locmem_cache.clear()  # the same feed rendered again has the same tag
    again, _feed = rss(client, HOSTS[0])
    assert again["ETag"] == first["ETag"]
    assert again.content == first.content
    empty = "/en/feeds/search.rss?q=zzyzx"  # no items: its date is when feeds changed
    tags = set()
    for _attempt in range(2):
        changed_at = feeds_changed_at()
        locmem_cache.clear()  # rendered again, from the same inputs
        locmem_cache.set(CHANGED_AT_KEY, changed_at, timeout=None)
        response = client.get(empty, HTTP_HOST=HOSTS[0])
        assert response.status_code == 200
        assert not feedparser.parse(response.content).entries
        tags.add(response["ETag"])
    assert len(tags) == 1


def test_a_partners_full_text_links_are_on_the_host_asked(client, wire, two_sites, partner_token):
    _partner, secret = partner_token()
    response, feed = rss(client, HOSTS[1], HTTP_X_PARTNER_TOKEN=secret)
    body = response.content.decode()
    assert "content:encoded" in body
    assert 'src="/' not in body and 'href="/' not in body
    assert feed.entries[0].link.startswith(f"http://{HOSTS[1]}/en/")


def test_the_index_stores_paths_not_hosts(wire):
    hits = search_client().search(index=alias_name("en"), size=10)["hits"]["hits"]
    coffee = next(hit["_source"] for hit in hits if hit["_id"] == str(wire["coffee"].pk))
    for url in (coffee["url"], coffee["image_url"], coffee["hero"]["url"]):
        assert url.startswith("/") and not url.startswith("//"), url
    for hit in hits:
        source = hit["_source"]
        stored = json.dumps([source["url"], source["image_url"], source.get("hero")])
        assert "http://" not in stored and "https://" not in stored
        assert (
            'src="http' not in source["body_html"]
            and 'href="http://testserver' not in (source["body_html"])
        )
