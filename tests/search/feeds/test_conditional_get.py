"""Polling costs almost nothing: ETags, Last-Modified, 304s, gzip, and a cached body."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.translations import approve_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_url(wire, locmem_cache):
    return "/en/feeds/all.rss"


def test_a_feed_has_a_strong_etag_last_modified_and_cache_control(client, feed_url):
    response = client.get(feed_url)
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith("GMT")
    # Readers poll every minute; the front cache keeps it until a change purges it, or until
    # the next scheduled story appears.
    assert response["Cache-Control"].startswith("public, max-age=60, s-maxage=")
    assert "Accept-Encoding" in response["Vary"]


def test_if_none_match_answers_304_with_no_body(client, feed_url):
    etag = client.get(feed_url)["ETag"]
    again = client.get(feed_url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_if_modified_since_answers_304(client, feed_url):
    last_modified = client.get(feed_url)["Last-Modified"]
    assert client.get(feed_url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_malformed_if_modified_since_is_ignored(client, feed_url):
    assert client.get(feed_url, HTTP_IF_MODIFIED_SINCE="yesterday-ish").status_code == 200


def test_gzip_when_asked_with_its_own_etag(client, feed_url):
    plain = client.get(feed_url)
    zipped = client.get(feed_url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] != plain["ETag"]
    assert (
        client.get(
            feed_url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
        ).status_code
        == 304
    )


def test_a_publication_changes_the_feed_at_once(client, feed_url, wire, refresh):
    etag = client.get(feed_url)["ETag"]
    approve_text(wire["coffee"], "en", title="Vietnamese coffee: a second shipment")
    refresh()
    response = client.get(feed_url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"a second shipment" in response.content


def test_a_partners_feed_is_private_to_caches(client, feed_url, partner_token):
    _partner, secret = partner_token()
    response = client.get(feed_url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response["Cache-Control"].startswith("private")


def test_uncached_feeds_make_at_most_three_queries_and_warm_ones_fewer(
    client, feed_url, partner_token
):
    _partner, secret = partner_token()
    client.get("/en/feeds/topics/trade.rss")  # warms the site's settings, not this feed
    with CaptureQueriesContext(connection) as first:
        assert client.get(feed_url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(feed_url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    with CaptureQueriesContext(connection) as public:
        assert client.get(feed_url).status_code == 200
    assert len(first) <= 3, [q["sql"] for q in first]
    assert len(warm) <= 2  # the token's check and its pull count
    assert len(public) == 0
