"""The database's answer stays cheap: a hung node sends every reader to it at once.

While the node hangs, each web worker serves the crowd's searches from the database, and the
pages queued behind them wait for every one. A page of hits and the number of matches come
from one query, which reads no story's body (the bulk of a row, in every language).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.index import reset_circuit
from search.reader import PAGE_SIZE, SearchRequest, database_search
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db

MATCHES = PAGE_SIZE + 2


@pytest.fixture
def crowd_of_stories(section):
    """More coffee stories than a page holds, newest first, and one about rice."""
    coffee = [
        published_story(
            section,
            {
                "vi": (f"Cà phê số {n}", "Cà phê Tây Nguyên."),
                "en": (f"Coffee harvest {n}", "Highland coffee beans."),
                "ja": (f"コーヒーの収穫 {n}", "高原のコーヒー豆。"),
            },
            days_ago=n + 1,
        )
        for n in range(MATCHES)
    ]
    published_story(section, {"vi": ("Gạo", "Gạo thơm."), "en": ("Rice", "Fragrant rice.")})
    return coffee


def search(language, words, page=1, sort="relevance"):
    return database_search(
        SearchRequest(language=language, query=words, page=page, sort=sort), degraded=True
    )


@pytest.mark.parametrize(("language", "words"), [("en", "coffee"), ("ja", "コーヒー")])
def test_every_page_tells_the_number_of_matches(crowd_of_stories, language, words):
    first, second = search(language, words), search(language, words, page=2)
    assert (first.total, len(first.hits)) == (MATCHES, PAGE_SIZE)
    assert (second.total, len(second.hits)) == (MATCHES, MATCHES - PAGE_SIZE)
    found = {hit.page_id for hit in first.hits + second.hits}
    assert found == {story.pk for story in crowd_of_stories}


def test_a_page_past_the_last_is_empty_and_still_tells_the_number(crowd_of_stories):
    past = search("en", "coffee", page=3)
    assert past.hits == []
    assert past.total == MATCHES
    assert past.page_count == 2


def test_nothing_found_is_zero(crowd_of_stories):
    result = search("en", "volcano")
    assert (result.total, result.hits) == (0, [])


def test_sorted_by_date_the_newest_comes_first(crowd_of_stories):
    result = search("en", "coffee", sort="date")
    assert [hit.page_id for hit in result.hits] == [s.pk for s in crowd_of_stories[:PAGE_SIZE]]
    assert result.total == MATCHES


def test_a_reader_sorting_by_date_while_the_node_is_away_gets_the_newest(
    crowd_of_stories, settings, client
):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": "http://127.0.0.1:9"}
    reset_circuit()
    try:
        response = client.get("/en/search/", {"q": "coffee", "sort": "date"})
    finally:
        reset_circuit()
    assert response.status_code == 200
    assert response.context["result"].degraded
    assert response.context["result"].hits[0].page_id == crowd_of_stories[0].pk


def test_hits_and_their_number_come_from_one_query_without_bodies(crowd_of_stories):
    with CaptureQueriesContext(connection) as queries:
        result = search("en", "coffee")
    assert result.total == MATCHES
    stories_read = [q["sql"] for q in queries if '"content_articlepage"' in q["sql"]]
    assert len(stories_read) == 1, stories_read  # no separate count
    assert not re.search(r'"content_articlepage"\."body(_\w+)?"', stories_read[0])
    assert "Highland coffee beans" not in str(result.hits)  # nor do the hits show them


@pytest.mark.parametrize(("language", "words"), [("ja", "コーヒー"), ("en", "coffee")])
def test_the_backend_is_asked_only_for_words_the_bodies_were_not_searched_for(
    crowd_of_stories, language, words
):
    """Japanese words are looked for in bodies too; English ones there only by the backend."""
    with CaptureQueriesContext(connection) as queries:
        result = search(language, words)
    assert result.total == MATCHES
    asked_the_backend = any("wagtailsearch_indexentry" in q["sql"] for q in queries)
    assert asked_the_backend == (language == "en")
