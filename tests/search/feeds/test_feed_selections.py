"""Feeds per section, topic, unit, region, tag and saved search; and what bad input gets."""

import pytest

from search.syndication.feeds import FeedParameters

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_each_taxonomy_has_its_feed(client, wire):
    coffee = wire["coffee"].title_en
    assert titles(client, "/en/feeds/topics/trade.json") == [coffee]
    assert titles(client, "/en/feeds/regions/asean.json") == [coffee]
    assert titles(client, "/en/feeds/units/europe-department.json") == [coffee]
    assert titles(client, "/en/feeds/tags/coffee.json") == [coffee]


def test_a_section_feed_uses_the_sections_slug_in_that_language(client, wire):
    section = wire["rice"].get_parent().specific
    assert titles(client, f"/en/feeds/sections/{section.slug_in('en')}.json") == [
        wire["rice"].title_en
    ]


def test_a_saved_search_is_a_feed(client, wire):
    assert titles(client, "/en/feeds/search.json?q=rice") == [wire["rice"].title_en]
    assert titles(client, "/vi/feeds/search.json?q=gạo") == [wire["rice"].title_vi]


def test_the_length_parameter_is_capped_at_100(client, wire):
    assert len(titles(client, "/en/feeds/all.json?limit=1")) == 1
    assert client.get("/en/feeds/all.json?limit=1000000").status_code == 200
    parameters = FeedParameters({"limit": "1000000"})
    assert parameters.is_valid()
    assert parameters.cleaned_data["limit"] == 100


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/feeds/topics/no-such-topic.rss", 404),
        ("/en/feeds/sections/no-such-section.atom", 404),
        ("/en/feeds/tags/no-such-tag.json", 404),
        ("/en/feeds/colours/red.rss", 404),
        ("/en/feeds/all/trade.rss", 404),
        ("/en/feeds/all.docx", 404),
        ("/xx/feeds/all.rss", 404),
        ("/en/feeds/all.rss?limit=ten", 400),
        ("/en/feeds/all.rss?limit=-3", 400),
        ("/en/feeds/search.rss", 400),
        ("/en/feeds/search.rss?q=%22%29%28", 400),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, wire, url, status):
    assert client.get(url).status_code == status


def test_feeds_fall_back_to_the_database_when_the_node_is_away(client, wire, settings):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": "http://127.0.0.1:9"}
    from search.index import reset_circuit

    reset_circuit()
    assert titles(client, "/en/feeds/topics/trade.json") == [wire["coffee"].title_en]
    assert titles(client, "/en/feeds/all.json") == [wire["coffee"].title_en, wire["rice"].title_en]
