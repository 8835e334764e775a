"""What each feed format carries, per language, parsed the way partners' readers parse it."""

import json

import feedparser
import pytest

from tests.factories.translations import approve_text

pytestmark = pytest.mark.django_db


def titles(client, url) -> list[str]:
    if ".json" in url:
        return [item["title"] for item in client.get(url).json()["items"]]
    return [entry.title for entry in parsed(client, url).entries]


def parsed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    feed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("format", ["rss", "atom", "json"])
def test_a_language_feed_lists_only_stories_live_in_that_language(client, wire, format):
    english = titles(client, f"/en/feeds/all.{format}")
    assert english == [wire["coffee"].title_en, wire["rice"].title_en]
    assert wire["vietnamese_only"].title_vi in titles(client, f"/vi/feeds/all.{format}")


@pytest.mark.parametrize("language", ["ar", "zh-hans", "vi"])
@pytest.mark.parametrize("format", ["rss", "atom"])
def test_feeds_in_every_script_are_well_formed(client, wire, language, format):
    feed = parsed(client, f"/{language}/feeds/all.{format}")
    assert feed.entries
    assert feed.feed.language.lower() == language


def test_an_rss_item_carries_what_partners_need(client, wire):
    coffee = wire["coffee"]
    entry = parsed(client, "/en/feeds/all.rss").entries[0]
    assert entry.title == coffee.title_en
    assert entry.summary == coffee.standfirst_en
    assert entry.link.startswith("http://testserver/en/")
    assert entry.id.startswith("urn:uuid:")
    assert entry.guidislink is False
    assert entry.author == "Lê Minh Anh"
    assert {tag.term for tag in entry.tags} == {"Trade", "ASEAN"}
    assert entry.published_parsed and entry.updated_parsed
    assert entry.source == {
        "href": "https://journal.example/cafe",
        "title": "Le Journal du Commerce",
    }
    (enclosure,) = entry.enclosures
    assert enclosure.type == "image/png"
    assert int(enclosure.length) > 0
    assert entry.media_content[0]["width"] == "1200"
    public = client.get("/en/feeds/all.rss").content.decode()
    assert "content:encoded" not in public  # public feeds carry standfirsts only
    assert "Robusta coffee wins buyers" not in public


def test_the_permanent_id_and_the_link_survive_an_edit_of_the_title(client, wire, refresh):
    before = parsed(client, "/en/feeds/all.atom").entries[0]
    approve_text(wire["coffee"], "en", title="Vietnamese coffee on Paris shelves")
    refresh()
    entry = parsed(client, "/en/feeds/all.atom").entries[0]
    assert entry.title == "Vietnamese coffee on Paris shelves"
    # A live translation keeps its slug (ADR 9): partners' links keep working.
    assert entry.link == before.link
    assert entry.id == before.id


def test_atom_declares_language_authors_and_the_republished_source(client, wire):
    response = client.get("/ar/feeds/all.atom")
    assert b'xml:lang="ar"' in response.content
    entry = parsed(client, "/en/feeds/all.atom").entries[0]
    assert [author.name for author in entry.authors] == ["Lê Minh Anh"]
    assert any(link.rel == "via" for link in entry.links)


def test_official_documents_are_listed_with_their_numbers(client, wire):
    response = client.get("/en/feeds/all.rss")
    assert b'number="47/NQ-CP"' in response.content
    item = client.get("/en/feeds/all.json").json()["items"][0]
    assert item["_newsroom"]["official_documents"][0]["number"] == "47/NQ-CP"


def test_control_characters_pasted_into_text_never_break_a_feed(client, wire, partner_token):
    _partner, secret = partner_token()  # the full text, where the rice story's body has them
    for format in ("rss", "atom"):
        response = client.get(f"/en/feeds/all.{format}?token={secret}")
        assert "Rice shipments rose." in response.content.decode()
        assert parsed(client, f"/en/feeds/all.{format}?token={secret}").entries


def test_json_feed_follows_version_1_1(client, wire):
    feed = client.get("/en/feeds/all.json").json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "en"
    for item in feed["items"]:
        assert item["id"] and ("content_html" in item or "content_text" in item)
    assert feed["items"][0]["image"].startswith("http://testserver/")


def test_the_feeds_index_lists_feeds_and_the_opml_imports_them(client, wire):
    index = client.get("/en/feeds/")
    assert index.status_code == 200
    assert "http://testserver/en/feeds/topics/trade.atom" in index.content.decode()
    opml = client.get("/en/feeds/feeds.opml")
    assert opml["Content-Type"].startswith("text/x-opml")
    assert 'xmlUrl="http://testserver/en/feeds/topics/trade.rss"' in opml.content.decode()
    assert json.loads(client.get("/en/feeds/all.json").content)  # and the feeds it lists work


def test_every_page_links_its_feeds(client, wire):
    section_page = client.get(wire["coffee"].get_parent().specific.get_url()).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in section_page
    assert "/feeds/sections/" in section_page
