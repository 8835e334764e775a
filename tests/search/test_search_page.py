"""The search page and autocomplete endpoint over HTTP, with Elasticsearch up and down."""

import pytest

from search.index import reset_circuit
from tests.factories.stories import published_story
from tests.services import silent_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def rice(search_index, section, refresh):
    story = published_story(
        section,
        {"vi": ("Xuất khẩu gạo tăng", "Gạo thơm."), "en": ("Rice exports rise", "Fragrant rice.")},
    )
    refresh()
    return story


def test_the_search_page_shows_highlighted_hits_and_facets(client, rice):
    response = client.get("/en/search/", {"q": "rice"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Rice</mark>" in html
    assert 'class="facets"' in html


@pytest.mark.parametrize("query", ['"((', "\\\\", "*:*", "/", "x" * 10_000, "title:rice OR 1=1"])
def test_reserved_characters_are_searched_as_words(client, rice, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("params", [{"page": "-1"}, {"page": "abc"}, {"page": "100000"}])
def test_bad_page_numbers_are_a_400(client, rice, params):
    assert client.get("/en/search/", {"q": "rice", **params}).status_code == 400


def test_an_unknown_language_is_a_404(client, rice):
    assert client.get("/xx/search/", {"q": "rice"}, follow=True).status_code == 404


def test_when_elasticsearch_is_down_the_database_answers_with_a_notice(client, rice, settings):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": "http://127.0.0.1:1"}
    reset_circuit()
    response = client.get("/en/search/", {"q": "rice"})
    assert response.status_code == 200
    assert response.context["result"].degraded
    assert [hit.page_id for hit in response.context["result"].hits] == [rice.pk]
    assert "simplified mode" in response.content.decode()


def test_autocomplete_answers_json(client, rice):
    response = client.get("/en/search/suggest/", {"q": "rice ex"})
    assert response.json()["results"][0]["title"] == rice.title_en


def test_the_article_page_shows_related_stories(client, search_index, section, refresh):
    story = published_story(section, {"en": ("Coffee exports to France", "Robusta coffee.")})
    like = published_story(section, {"en": ("Coffee fair in Paris", "Robusta coffee tasting.")})
    refresh()
    from django.utils.translation import override

    with override("en"):
        html = client.get(story.get_url()).content.decode()
    assert like.title_en in html


@pytest.fixture
def hanging_node():
    """A server that accepts connections and never answers, like a node stuck in GC."""
    with silent_server() as url:
        yield url


def test_when_elasticsearch_hangs_search_falls_back_after_the_timeout(
    client, rice, settings, hanging_node
):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": hanging_node, "timeout": 0.5}
    reset_circuit()
    first = client.get("/en/search/", {"q": "rice"})
    assert first.status_code == 200
    assert first.context["result"].degraded
    # The next reader falls back too (the circuit opens after failure_threshold failures,
    # not on a cold connection's first timeout: tests/search/test_hung_node.py).
    second = client.get("/en/search/", {"q": "rice"})
    assert second.context["result"].degraded
