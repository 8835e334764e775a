"""Searches per language and day, and the words of those that found nothing, normalised."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest

from reach.models import Searches, SearchGap
from reach.searches import keepable_query, normalised_query
from tests.reach.conftest import BROWSER

SEARCH_BEACON = re.compile(r'<script src="/static/reach/beacon\.js" ([^>]*) defer></script>')


def beacon_of(response) -> dict[str, str]:
    """The beacon's data attributes on a search page, as beacon.js sends them."""
    (attributes,) = SEARCH_BEACON.findall(response.content.decode())
    data = {k: unescape(v) for k, v in re.findall(r'data-([a-z]+)="([^"]*)"', attributes)}
    return {"l": data["language"], "q": data["query"], "f": data["found"], "g": data["signature"]}


def send(client, params):
    return client.post(f"/reach/beacon?{urlencode(params)}", HTTP_USER_AGENT=BROWSER)


def test_a_search_that_finds_nothing_is_counted_with_its_words_normalised(
    reach_buffer, story, client, fold_all
):
    page = client.get("/en/search/", {"q": "  Rare EARTH   Minerals!! "})
    beacon = beacon_of(page)
    for _ in range(2):
        assert send(client, beacon).status_code == 204
    send(client, beacon_of(client.get("/en/search/", {"q": "trade"})))
    fold_all()

    searches = Searches.objects.get(language="en")
    assert (searches.searches, searches.found_nothing) == (3, 2)
    assert list(SearchGap.objects.values_list("language", "query", "searches")) == [
        ("en", "rare earth minerals", 2)
    ]


def test_a_search_that_found_stories_keeps_no_words(reach_buffer, story, client, fold_all):
    beacon = beacon_of(client.get("/en/search/", {"q": "trade"}))

    assert beacon["q"] == "" and beacon["f"] == "1"


def test_a_forged_search_gap_is_not_counted(reach_buffer, story, client, fold_all):
    beacon = beacon_of(client.get("/en/search/", {"q": "nothing like this"}))
    send(client, {**beacon, "q": "buy cheap pills"})
    send(client, {**beacon, "f": "1"})
    send(client, {**beacon, "l": "fr"})
    fold_all()

    assert not Searches.objects.exists()
    assert not SearchGap.objects.exists()


def test_the_empty_search_page_sends_no_beacon(client, db):
    assert not SEARCH_BEACON.search(client.get("/en/search/").content.decode())


@pytest.mark.parametrize(
    ("query", "normalised"),
    [
        ("  Hiệp định   EVFTA ", "hiệp định evfta"),
        ("ＣＰＴＰＰ?", "cptpp"),  # full-width letters, as Japanese keyboards type them
        ("«Đổi mới»", "đổi mới"),
    ],
)
def test_queries_are_normalised_for_counting(query, normalised):
    assert normalised_query(query) == normalised


@pytest.mark.parametrize(
    "query", ["nguyen.van.a@example.com", "0912 345 678", "https://example.com/x", "CCCD 001234567"]
)
def test_queries_that_may_hold_something_personal_keep_no_words(query):
    assert keepable_query(query) == ""
