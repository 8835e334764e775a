"""Control characters pasted into names never break a feed, the OPML file or a sitemap.

Whatever was pasted into a topic, a section, a tag, the rights notice or the site's name,
every document parses and shows the text without the characters XML forbids.
"""

import json

import defusedxml.ElementTree as ET
import feedparser
import pytest
from taggit.models import Tag
from wagtail.models import Site

from content.models import SectionPage, Topic
from search.index import sync_pages
from search.models import SyndicationSettings

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom", "json", "ninjs")
PASTED = {"\x0b", "\x0c", "\x1f", "\ufffe"}


@pytest.fixture
def pasted(wire, home, refresh):
    """The wire, with forbidden characters pasted into every name a feed shows."""
    coffee = wire["coffee"]
    Topic.objects.filter(pk=wire["topic"].pk).update(name_en="Tra\x0bde")
    section = coffee.get_parent().specific
    SectionPage.objects.filter(pk=section.pk).update(title_en="Foreign\x1f affairs")
    Tag.objects.filter(slug="coffee").update(name="cof\ufffefee")
    site = Site.objects.get(root_page=home)
    site.site_name = "Ministry\x0c newsroom"
    site.save()
    options = SyndicationSettings.for_site(site)
    options.rights_notice = "Free to\x0b republish\x1f with credit\ufffe."
    options.save()
    sync_pages([coffee.pk])
    refresh()
    return {"section": SectionPage.objects.get(pk=section.pk).slug_in("en")}


def fetch(client, url) -> tuple[str, str]:
    """The body of a feed, and its text as a reader sees it: parsed, every string joined."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    body = response.content.decode()
    assert not PASTED.intersection(body)
    if url.endswith((".json", ".ninjs")):
        return body, json.dumps(json.loads(body), ensure_ascii=False)
    root = ET.fromstring(response.content)  # strict: any forbidden character fails here
    if url.endswith(".opml"):
        return body, " ".join(value for node in root.iter() for value in node.attrib.values())
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return body, " ".join(
        text for node in root.iter() for text in (node.text, *node.attrib.values()) if text
    )


@pytest.mark.parametrize("format", FORMATS)
def test_a_topic_name_with_control_characters(client, pasted, format):
    _body, text = fetch(client, f"/en/feeds/topics/trade.{format}")
    assert "Ministry newsroom: Trade" in text  # the channel's title
    if format in ("rss", "json"):  # Atom and ninjs do not describe the feed
        assert "Stories from Ministry newsroom: Trade" in text


@pytest.mark.parametrize("format", FORMATS)
def test_a_section_title_with_control_characters(client, pasted, format):
    _body, text = fetch(client, f"/en/feeds/sections/{pasted['section']}.{format}")
    assert "Ministry newsroom: Foreign affairs" in text


@pytest.mark.parametrize("format", FORMATS)
def test_a_tag_with_control_characters(client, pasted, format):
    _body, text = fetch(client, f"/en/feeds/tags/coffee.{format}")
    assert "Tag: coffee" in text


@pytest.mark.parametrize("format", FORMATS)
def test_the_rights_notice_with_control_characters(client, pasted, format):
    _body, text = fetch(client, f"/en/feeds/all.{format}")
    assert "Free to republish with credit." in text


def test_the_items_terms_are_clean_in_every_format(client, pasted):
    rss = feedparser.parse(client.get("/en/feeds/all.rss").content).entries[0]
    assert {tag.term for tag in rss.tags} == {"Trade", "ASEAN"}
    item = client.get("/en/feeds/all.json").json()["items"][0]
    assert item["_newsroom"]["topics"] == [{"slug": "trade", "name": "Trade"}]
    assert item["_newsroom"]["section"] == "Foreign affairs"
    ninjs = client.get("/en/feeds/all.ninjs").json()["items"][0]
    assert ninjs["subjects"][0]["name"] == "Trade"
    assert ninjs["copyrightnotice"] == "Free to republish with credit."


def test_the_opml_file_with_control_characters_in_names(client, pasted):
    fetch(client, "/en/feeds/feeds.opml")
    root = ET.fromstring(client.get("/en/feeds/feeds.opml").content)
    assert root.find("head/title").text == "Ministry newsroom"
    names = {outline.get("text") for outline in root.iter("outline")}
    assert {"Trade", "Foreign affairs"} <= names


def test_the_news_sitemap_with_control_characters_in_the_site_name(client, pasted):
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert not PASTED.intersection(response.content.decode())
    root = ET.fromstring(response.content)
    names = {
        node.text for node in root.iter("{http://www.google.com/schemas/sitemap-news/0.9}name")
    }
    assert names == {"Ministry newsroom"}
