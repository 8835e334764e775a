"""A rebuild's chunks built and sent by worker processes: the same documents, clean failures."""

import json
import os

import pytest
from django.db import transaction
from elasticsearch import Elasticsearch
from elasticsearch.serializer import JSONSerializer

from search.index import (
    ReindexFailed,
    alias_name,
    indexing,
    languages,
    rebuild_indices,
    story_sources,
)
from tests.factories.stories import published_story

# Workers read what is committed, so these tests commit their stories.
pytestmark = pytest.mark.django_db(transaction=True)


def node(url):
    return Elasticsearch(url, request_timeout=30)


def behind_aliases(url):
    client = node(url)
    return {
        language: sorted(client.indices.get_alias(name=alias_name(language)))
        for language in languages()
    }


def unaliased(url, prefix):
    found = node(url).indices.get_alias(index=f"{prefix}-*", expand_wildcards="open,closed")
    return sorted(name for name, entry in found.items() if not entry["aliases"])


@pytest.fixture
def stories(search_index, section):
    return [
        published_story(section, {"vi": (f"Tin gạo {n}", "Gạo."), "en": (f"Rice {n}", "Rice.")})
        for n in range(3)
    ]


@pytest.fixture
def one_page_chunks(monkeypatch, settings):
    """A chunk per page, and two workers to share them."""
    monkeypatch.setattr(indexing, "BULK_CHUNK", 1)
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "index_workers": 2}


@pytest.fixture
def forced_workers(monkeypatch, one_page_chunks):
    """Workers even on the tests' in-memory SQLite: for failures that happen before a query."""
    monkeypatch.setattr(indexing, "index_workers", lambda chunks: 2)


def test_workers_index_what_this_process_would(postgresql, search_node, stories, one_page_chunks):
    assert indexing.index_workers(len(stories)) == 2
    seen = []

    result = rebuild_indices(progress=lambda done, total: seen.append((done, total)))

    assert result.documents == len(stories) and result.errors == []
    assert seen == [(1, 3), (2, 3), (3, 3)]
    client = node(search_node)
    for language in ("vi", "en"):
        hits = client.search(index=alias_name(language), size=10)["hits"]["hits"]
        expected = story_sources([story.pk for story in stories], language)
        # As the node stores them: dates the way the client writes them.
        expected = json.loads(JSONSerializer().dumps(expected))
        assert {hit["_id"]: hit["_source"] for hit in hits} == expected


def test_a_failing_worker_fails_the_rebuild_in_one_line_and_leaves_no_new_index(
    search_node, search_index, stories, forced_workers, monkeypatch
):
    before = behind_aliases(search_node)

    def broken(*args, **kwargs):
        raise RuntimeError("the body\nwould not render")

    monkeypatch.setattr(indexing, "_actions", broken)  # what the workers build with
    with pytest.raises(ReindexFailed) as failed:
        rebuild_indices()

    assert str(failed.value) == (
        "building the documents failed: RuntimeError: the body would not render"
    )
    assert unaliased(search_node, search_index) == []
    assert behind_aliases(search_node) == before  # readers still have the old indices


def test_a_worker_that_dies_fails_the_rebuild_and_leaves_no_new_index(
    search_node, search_index, stories, forced_workers, monkeypatch
):
    before = behind_aliases(search_node)
    monkeypatch.setattr(indexing, "_actions", lambda *args, **kwargs: os._exit(3))

    with pytest.raises(ReindexFailed, match="a worker process ended") as failed:
        rebuild_indices()

    assert len(str(failed.value).splitlines()) == 1
    assert unaliased(search_node, search_index) == []
    assert behind_aliases(search_node) == before


def test_inside_a_transaction_this_process_builds_alone(one_page_chunks):
    # A worker would not see rows this transaction has not committed.
    with transaction.atomic():
        assert indexing.index_workers(10) == 1
