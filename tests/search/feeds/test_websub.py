"""WebSub: feeds declare the hub, and publishing tells a (local, real) hub which feeds changed."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import feedparser
import pytest

from search.index import drain_all
from search.tasks import announce_feed_changes
from tests.factories.stories import published_story


class Hub:
    """A WebSub hub on a local port that records the publish pings it receives."""

    def __init__(self, status=204):
        self.pings = []
        self.status = status
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                hub.pings.append(
                    (self.headers["Content-Type"], parse_qs(self.rfile.read(length).decode()))
                )
                self.send_response(hub.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def topics(self):
        return {url for _type, form in self.pings for url in form["hub.url"]}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub(settings):
    hub = Hub()
    settings.NEWSROOM_FEEDS = {**settings.NEWSROOM_FEEDS, "websub_hub": hub.url}
    yield hub
    hub.close()


def test_feeds_declare_the_hub(client, wire, hub):
    rss = feedparser.parse(client.get("/en/feeds/all.rss").content)
    atom = feedparser.parse(client.get("/en/feeds/all.atom").content)
    for parsed in (rss, atom):
        assert {"rel": "hub", "href": hub.url} in [
            {"rel": link.get("rel"), "href": link.get("href")} for link in parsed.feed.links
        ]
    assert client.get("/en/feeds/all.json").json()["hubs"] == [{"type": "WebSub", "url": hub.url}]


def test_publishing_pings_the_hub_with_the_feeds_the_story_is_in(
    search_index, section, hub, django_capture_on_commit_callbacks
):
    story = published_story(
        section,
        {"vi": ("Cà phê sang Pháp", "Robusta."), "en": ("Coffee to France", "Robusta.")},
    )
    story.tags.add("coffee")
    story.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert drain_all().synced  # every change to the story, told to the hub in one ping

    [(content_type, form)] = hub.pings
    assert content_type == "application/x-www-form-urlencoded"
    assert form["hub.mode"] == ["publish"]
    topics = hub.topics()
    for language in ("vi", "en"):
        for format in ("rss", "atom", "json", "ninjs"):
            assert f"http://testserver/{language}/feeds/all.{format}" in topics
            assert f"http://testserver/{language}/feeds/tags/coffee.{format}" in topics
    assert f"http://testserver/en/feeds/sections/{section.slug_in('en')}.atom" in topics
    assert not any("/fr/" in topic for topic in topics)


def test_nothing_is_posted_without_a_hub(search_index, section, settings):
    settings.NEWSROOM_FEEDS = {**settings.NEWSROOM_FEEDS, "websub_hub": ""}
    published_story(section, {"vi": ("Tin", "Nội dung.")})
    assert announce_feed_changes.call([1]) == {"announced": 0}


def test_a_hub_that_refuses_is_reported_and_nothing_breaks(section, settings, caplog):
    refusing = Hub(status=503)
    settings.NEWSROOM_FEEDS = {**settings.NEWSROOM_FEEDS, "websub_hub": refusing.url}
    try:
        story = published_story(section, {"vi": ("Tin", "Nội dung.")})
        result = announce_feed_changes.call([story.pk])
    finally:
        refusing.close()
    assert result["announced"] == 0
    assert "503" in result["error"]
    assert "WebSub hub not told" in caplog.text


def test_a_deleted_story_pings_the_all_stories_feeds(section, hub):
    result = announce_feed_changes.call([987654])
    assert result["announced"] == 9 * 4
    assert "http://testserver/ar/feeds/all.rss" in hub.topics()
