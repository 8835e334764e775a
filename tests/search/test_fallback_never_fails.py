"""Readers never get a 500 when Elasticsearch is away: the database answers, with a notice.

The fallback runs on Wagtail's database backend only (never on Elasticsearch), and finds
words of languages written without spaces (Chinese, Japanese, Korean) as substrings.
"""

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from search.checks import fallback_search_runs_on_the_database
from search.index import reset_circuit
from search.reader import SearchRequest, database_search, fallback_backend
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def node_away(settings):
    """``ELASTICSEARCH_URL`` set, and nothing listening there."""
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": UNREACHABLE}
    reset_circuit()
    yield
    reset_circuit()


@pytest.fixture
def no_node(settings):
    """The embedded default: no ``ELASTICSEARCH_URL`` at all."""
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": None}
    reset_circuit()


@pytest.fixture
def stories(section):
    rice = published_story(
        section,
        {"vi": ("Xuất khẩu gạo tăng", "Gạo thơm."), "en": ("Rice exports rise", "Fragrant rice.")},
    )
    coffee = published_story(
        section,
        {"vi": ("Cà phê sang Pháp", "Cà phê."), "en": ("Coffee goes to France", "Robusta.")},
    )
    return {"rice": rice, "coffee": coffee}


def hit_ids(response):
    return [hit.page_id for hit in response.context["result"].hits]


def test_reader_search_answers_from_the_database_with_a_notice(client, stories, node_away):
    response = client.get("/en/search/", {"q": "rice"})
    assert response.status_code == 200
    assert hit_ids(response) == [stories["rice"].pk]
    assert response.context["result"].degraded
    assert "simplified mode" in response.content.decode()


def test_the_search_feed_answers_from_the_database(client, stories, node_away):
    response = client.get("/en/feeds/search.rss", {"q": "rice"})
    assert response.status_code == 200
    body = response.content.decode()
    assert stories["rice"].title_en in body
    assert stories["coffee"].title_en not in body


def test_autocomplete_answers_from_the_database(client, stories, node_away):
    response = client.get("/en/search/suggest/", {"q": "coff"})
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"title": stories["coffee"].title_en, "url": stories["coffee"].url}]
    }


def test_a_story_edited_while_the_node_is_away_is_found_by_its_new_words(
    client, stories, node_away
):
    story = stories["rice"]
    story.title_vi = story.title = story.standfirst_vi = "Gạo thơm lài sang Pháp"
    story.save_revision().publish()
    assert hit_ids(client.get("/vi/search/", {"q": "lài"})) == [story.pk]
    assert hit_ids(client.get("/vi/search/", {"q": "tăng"})) == []


def test_the_fallback_backend_is_a_database_backend():
    assert type(fallback_backend()).__module__.startswith("modelsearch.backends.database")
    assert fallback_search_runs_on_the_database(None) == []


def test_an_elasticsearch_backend_for_the_fallback_is_a_system_error(settings, stories):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "modelsearch.backends.elasticsearch8", "URLS": [UNREACHABLE]}
    }
    errors = fallback_search_runs_on_the_database(None)
    assert [error.id for error in errors] == ["search.E004"]
    assert all(error.level == checks.ERROR for error in errors)
    # And the fallback refuses it rather than waiting on Elasticsearch.
    with pytest.raises(ImproperlyConfigured):
        database_search(SearchRequest(language="en", query="rice"))


@pytest.fixture
def cjk(section):
    return {
        "ja_title": published_story(
            section, {"ja": ("コーヒーの輸出が増加", "ベトナム産の豆。")}, days_ago=3
        ),
        "ja_body": published_story(
            section, {"ja": ("農産物の輸出", "ベトナムのコーヒーが日本で人気です。")}
        ),
        "ja_other": published_story(section, {"ja": ("米の輸出", "ジャスミン米。")}),
        "zh": published_story(section, {"zh_hans": ("农产品出口", "越南咖啡在中国很受欢迎。")}),
        "zh_other": published_story(section, {"zh_hans": ("大米出口", "香米。")}),
        "ko": published_story(section, {"ko": ("농산물 수출", "베트남 커피를 좋아합니다.")}),
        "vi": published_story(section, {"vi": ("Cà phê", "Cà phê Việt Nam. コーヒー 咖啡")}),
    }


def test_japanese_words_are_found_in_titles_first(client, cjk, no_node):
    response = client.get("/ja/search/", {"q": "コーヒー"})
    assert response.status_code == 200
    assert hit_ids(response) == [cjk["ja_title"].pk, cjk["ja_body"].pk]
    assert not response.context["result"].degraded


def test_chinese_words_are_found_in_the_body(client, cjk, no_node):
    response = client.get("/zh-hans/search/", {"q": "咖啡"})
    assert hit_ids(response) == [cjk["zh"].pk]


def test_korean_words_are_found_with_their_particles(client, cjk, no_node):
    response = client.get("/ko/search/", {"q": "커피"})
    assert hit_ids(response) == [cjk["ko"].pk]


def test_every_word_must_match(client, cjk, no_node):
    assert hit_ids(client.get("/ja/search/", {"q": "コーヒー 日本"})) == [cjk["ja_body"].pk]
    assert hit_ids(client.get("/ja/search/", {"q": "コーヒー 紅茶"})) == []


def test_sorting_by_date_puts_the_newest_first(client, cjk, no_node):
    response = client.get("/ja/search/", {"q": "コーヒー", "sort": "date"})
    assert hit_ids(response) == [cjk["ja_body"].pk, cjk["ja_title"].pk]


def test_cjk_words_are_found_while_the_node_is_away(client, cjk, node_away):
    response = client.get("/ja/search/", {"q": "コーヒー"})
    assert hit_ids(response) == [cjk["ja_title"].pk, cjk["ja_body"].pk]
    assert response.context["result"].degraded
    feed = client.get("/zh-hans/feeds/search.rss", {"q": "咖啡"})
    assert feed.status_code == 200
    assert cjk["zh"].title_zh_hans in feed.content.decode()
    assert cjk["zh_other"].title_zh_hans not in feed.content.decode()
