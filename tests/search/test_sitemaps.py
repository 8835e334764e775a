"""Sitemaps: each page in each language it is live in, hreflang alternates, and the news map."""

from datetime import datetime, timedelta

import defusedxml.ElementTree as ET
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from tests.factories.stories import published_story

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def entries(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", namespaces=NS)
    }


def alternates(url_element):
    return {
        link.get("hreflang"): link.get("href")
        for link in url_element.findall("xhtml:link", namespaces=NS)
    }


@pytest.fixture
def stories(section):
    coffee = published_story(
        section,
        {
            "vi": ("Cà phê Việt Nam vào Pháp", "Robusta."),
            "en": ("Vietnamese coffee in France", "Robusta."),
            "zh_hans": ("越南咖啡进入法国", "罗布斯塔。"),
        },
        days_ago=1,
    )
    old = published_story(
        section, {"vi": ("Hội nghị thương mại", "Chỉ có tiếng Việt.")}, days_ago=5
    )
    embargoed = published_story(
        section,
        {"vi": ("Thông cáo mới", "Cấm vận."), "en": ("A new release", "Embargoed.")},
        days_ago=0,
        embargoed_until=timezone.now() + timedelta(hours=6),
    )
    return {"coffee": coffee, "old": old, "embargoed": embargoed}


def url_in(page, language):
    with override(language):
        return page.get_full_url()


def test_the_index_lists_the_page_and_news_sitemaps(client, stories):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    locations = [e.findtext("sm:loc", namespaces=NS) for e in root.findall("sm:sitemap", NS)]
    assert locations == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-news.xml",
    ]


def test_a_story_is_listed_once_per_live_language_with_hreflang_alternates(client, stories):
    coffee = stories["coffee"]
    urls = entries(client, "/sitemap-pages.xml")
    expected = {language: url_in(coffee, language) for language in ("vi", "en", "zh-hans")}
    assert set(expected.values()) <= set(urls)
    for url in expected.values():
        assert alternates(urls[url]) == {**expected, "x-default": expected["vi"]}
    assert not any(loc.startswith("http://testserver/fr/") for loc in urls)


def test_a_story_written_only_in_vietnamese_has_only_its_vietnamese_entry(client, stories):
    old = stories["old"]
    urls = entries(client, "/sitemap-pages.xml")
    assert alternates(urls[old.get_full_url()]) == {
        "vi": old.get_full_url(),
        "x-default": old.get_full_url(),
    }
    assert sum(old.slug in loc for loc in urls) == 1


def test_listing_pages_are_in_the_sitemap(client, stories, home, section):
    urls = entries(client, "/sitemap-pages.xml")
    assert home.get_full_url() in urls
    assert section.get_full_url() in urls


def test_an_embargoed_story_enters_the_sitemaps_when_its_embargo_lifts(client, stories):
    embargoed = stories["embargoed"]
    lifts = embargoed.embargoed_until
    with time_machine.travel(lifts - timedelta(seconds=1)):
        assert embargoed.get_full_url() not in entries(client, "/sitemap-pages.xml")
        assert embargoed.get_full_url() not in entries(client, "/sitemap-news.xml")
    with time_machine.travel(lifts):
        assert embargoed.get_full_url() in entries(client, "/sitemap-pages.xml")
        assert embargoed.get_full_url() in entries(client, "/sitemap-news.xml")


def test_the_news_sitemap_holds_the_last_two_days_in_each_live_language(client, stories):
    coffee, old = stories["coffee"], stories["old"]
    urls = entries(client, "/sitemap-news.xml")
    assert old.get_full_url() not in urls
    news = {
        url.findtext("news:news/news:publication/news:language", namespaces=NS): url
        for language in ("vi", "en", "zh-hans")
        for url in [urls[url_in(coffee, language)]]
    }
    assert set(news) == {"vi", "en", "zh-cn"}
    assert news["zh-cn"].findtext("news:news/news:title", namespaces=NS) == "越南咖啡进入法国"
    published = news["en"].findtext("news:news/news:publication_date", namespaces=NS)
    assert datetime.fromisoformat(published) == coffee.publication_date.replace(microsecond=0)
    assert news["en"].findtext("news:news/news:publication/news:name", namespaces=NS)


@pytest.mark.parametrize("path", ["/sitemap-pages.xml", "/sitemap-news.xml"])
def test_a_sitemap_costs_the_same_queries_however_many_stories(client, section, stories, path):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    before = queries()
    for number in range(6):
        published_story(
            section, {"vi": (f"Tin số {number}", "Nội dung."), "en": (f"No. {number}", "Body.")}
        )
    assert queries() == before <= 30  # two per language at most, none per story


@pytest.mark.parametrize(
    "path", ["/sitemap-videos.xml", "/sitemap-pages.xml?p=99", "/sitemap-pages.xml?p=abc"]
)
def test_unknown_sections_and_pages_are_not_found(client, stories, path):
    assert client.get(path).status_code == 404


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
