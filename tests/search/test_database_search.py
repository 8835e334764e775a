"""Search on the embedded default (no Elasticsearch): the database answers, without notice."""

import pytest

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_elasticsearch(settings):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": None}


def hit_titles(response):
    return [str(hit.title) for hit in response.context["result"].hits]


def test_search_finds_a_story_in_the_readers_language(client, section):
    ArticlePageFactory(parent=section, title="Hợp tác bán dẫn với Nhật Bản")
    ArticlePageFactory(parent=section, title="Xuất khẩu gạo tăng")
    response = client.get("/vi/search/", {"q": "bán dẫn"})
    assert hit_titles(response) == ["Hợp tác bán dẫn với Nhật Bản"]
    assert not response.context["result"].degraded
    assert "simplified mode" not in response.content.decode()


def test_an_english_reader_finds_only_english_text(client, section):
    ArticlePageFactory(parent=section, title="Gạo", title_en="Rice exports rise")
    ArticlePageFactory(parent=section, title="Gạo Việt", vietnamese_only=True)
    response = client.get("/en/search/", {"q": "rice"})
    assert hit_titles(response) == ["Rice exports rise"]


@pytest.mark.parametrize("query", ['"((', "\\\\", "*:*", "/", "x" * 10_000, "AND OR NOT"])
def test_odd_queries_do_not_break_search(client, section, query):
    ArticlePageFactory(parent=section)
    assert client.get("/vi/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"year": "soon"},
        {"date_from": "2025-02-30"},
        {"section": "x"},
    ],
)
def test_malformed_options_are_a_400_with_a_message(client, home, params):
    response = client.get("/vi/search/", {"q": "gạo", **params})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_an_unknown_topic_finds_nothing_rather_than_failing(client, section):
    ArticlePageFactory(parent=section, title="Gạo")
    response = client.get("/vi/search/", {"q": "gạo", "topic": "no-such-topic"})
    assert response.status_code == 200
    assert hit_titles(response) == []


def test_autocomplete_suggests_titles_as_the_reader_types(client, section):
    story = ArticlePageFactory(parent=section, title="Hợp tác bán dẫn với Nhật Bản")
    response = client.get("/vi/search/suggest/", {"q": "bán d"})
    assert response.json() == {"results": [{"title": story.title_vi, "url": story.url}]}


def test_the_unit_filter_includes_coordinated_stories(client, section):
    from tests.factories import MinistryUnitFactory

    unit = MinistryUnitFactory(slug="trade-promotion")
    led = ArticlePageFactory(parent=section, title="Gạo dẫn dắt", lead_unit=unit)
    coordinated = ArticlePageFactory(parent=section, title="Gạo phối hợp")
    coordinated.coordinating_units.add(unit)
    coordinated.save()
    ArticlePageFactory(parent=section, title="Gạo khác")
    response = client.get("/vi/search/", {"q": "gạo", "unit": "trade-promotion"})
    assert sorted(hit_titles(response)) == sorted([led.title_vi, coordinated.title_vi])
