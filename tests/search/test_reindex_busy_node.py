"""search_reindex on a busy node: its own timeouts and retries, a clean failure, no orphans."""

import threading
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from elasticsearch import ConnectionTimeout, Elasticsearch

from search.index import (
    alias_name,
    article_index,
    languages,
    sync_pages,
    versioned_index_name,
)
from tests.factories.stories import published_story
from tests.search.latency_proxy import LatencyProxy

pytestmark = pytest.mark.django_db


def node(url):
    return Elasticsearch(url, request_timeout=30)


def indices_of(url, prefix):
    """Every index of this prefix, with the aliases pointing to it."""
    found = node(url).indices.get_alias(index=f"{prefix}-*", expand_wildcards="open,closed")
    return {name: set(entry["aliases"]) for name, entry in found.items()}


def unaliased(url, prefix):
    return sorted(name for name, aliases in indices_of(url, prefix).items() if not aliases)


def behind_aliases(url):
    client = node(url)
    return {
        language: sorted(client.indices.get_alias(name=alias_name(language)))
        for language in languages()
    }


def is_bulk(request: bytes) -> bool:
    return b"/_bulk" in request.split(b"\r\n", 1)[0]


def first_only(predicate):
    """Drop the first request that matches ``predicate``, pass the rest."""
    seen = []

    def drop(request):
        if predicate(request) and not seen:
            seen.append(request)
            return True
        return False

    return drop


@pytest.fixture
def stories(search_index, search_node, section):
    """Three stories in Vietnamese and English, already searchable in the current indices."""
    made = [
        published_story(section, {"vi": (f"Tin gạo {n}", "Gạo."), "en": (f"Rice {n}", "Rice.")})
        for n in range(3)
    ]
    # Indexed with a patient client: the readers' 2 s may not do on a busy machine.
    client = node(search_node)
    assert not sync_pages({story.pk for story in made}, client).errors
    client.indices.refresh(index=f"{search_index}-*")
    return made


def through(settings, proxy, **admin):
    """Point the app at ``proxy``, with readers that give up after 0.2 s."""
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": proxy.url,
        "timeout": 0.2,
        "admin_timeout": 30,
        "admin_backoff": 0.05,
        **admin,
    }


def test_reindex_outlasts_a_node_too_slow_for_readers(search_index, search_node, stories, settings):
    before = behind_aliases(search_node)
    orphan = versioned_index_name("vi", datetime(2020, 1, 1))  # left by an earlier failure
    article_index(orphan, "vi").create(using=node(search_node))

    with LatencyProxy(search_node, latency=0.3, drop=first_only(is_bulk)) as proxy:
        through(settings, proxy)
        with pytest.raises(ConnectionTimeout):  # what a reader's timeout gets from this node
            Elasticsearch(proxy.url, request_timeout=0.2, max_retries=0).count(
                index=alias_name("vi")
            )
        call_command("search_reindex")
        assert proxy.dropped == 1  # the bulk load was cut off once, and sent again

    after = behind_aliases(search_node)
    for language in languages():
        assert len(after[language]) == 1 and after[language] != before[language]
    assert unaliased(search_node, search_index) == []  # the orphan was pruned, nothing left
    hits = node(search_node).search(index=alias_name("en"), query={"match": {"title": "rice"}})
    assert {int(hit["_id"]) for hit in hits["hits"]["hits"]} == {story.pk for story in stories}


def test_readers_see_no_error_and_no_empty_page_during_a_reindex(
    search_index, search_node, stories
):
    outcome = {"searches": 0, "errors": [], "empty": 0}
    done = threading.Event()
    lock = threading.Lock()

    def read(language):
        client = Elasticsearch(search_node, request_timeout=10, max_retries=0)
        while not done.is_set():
            try:
                hits = client.search(index=alias_name(language), query={"match_all": {}})
            except Exception as error:  # any failure counts against the rebuild
                with lock:
                    outcome["errors"].append(repr(error))
                continue
            with lock:
                outcome["searches"] += 1
                outcome["empty"] += not hits["hits"]["hits"]

    readers = [threading.Thread(target=read, args=(lang,)) for lang in ("vi", "en") * 3]
    for reader in readers:
        reader.start()
    try:
        for _run in range(2):
            call_command("search_reindex")
    finally:
        done.set()
        for reader in readers:
            reader.join()

    assert outcome["errors"] == []
    assert outcome["empty"] == 0
    assert outcome["searches"] > 20


def test_a_failed_reindex_says_what_failed_in_one_line_and_leaves_no_index(
    search_index, search_node, stories, settings, capsys
):
    before = behind_aliases(search_node)
    with LatencyProxy(search_node, latency=0.01, drop=is_bulk) as proxy:
        through(settings, proxy, admin_retries=3)
        with pytest.raises(CommandError, match="bulk loading the new indices failed"):
            call_command("search_reindex")
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            execute_from_command_line(["manage.py", "search_reindex"])

    assert exit_.value.code != 0
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1, error
    assert "bulk loading the new indices failed after 3 attempts" in error
    assert "Traceback" not in error
    assert unaliased(search_node, search_index) == []
    assert behind_aliases(search_node) == before  # readers still have the old indices


def test_prune_deletes_unaliased_versioned_indices_only(search_index, search_node):
    client = node(search_node)
    aliased = behind_aliases(search_node)
    orphans = [versioned_index_name(code, datetime(2020, 1, 1)) for code in ("vi", "ja")]
    held = versioned_index_name("en", datetime(2020, 1, 2))  # an alias of someone else's
    scratch = f"{search_index}-vi-scratch"  # not a name a rebuild gives
    for name in [*orphans, held, scratch]:
        client.indices.create(index=name, settings={"number_of_replicas": 0})
    client.indices.put_alias(index=held, name=f"{search_index}-kept")

    call_command("search_reindex", "--prune")

    left = set(indices_of(search_node, search_index))
    assert not left & set(orphans)
    assert {held, scratch} <= left
    assert {name for names in aliased.values() for name in names} <= left
    assert behind_aliases(search_node) == aliased


def test_the_new_indices_are_searchable_before_the_aliases_move(
    search_index, search_node, stories, monkeypatch
):
    from search.index import indexing

    seen = {}
    swap = indexing._swap_aliases

    def checked_swap(client, policy, new, actions):
        names = ",".join(new.values())
        stats = node(search_node).indices.stats(index=names, metric="docs")["indices"]
        seen["searchable"] = {name: stats[name]["primaries"]["docs"]["count"] for name in stats}
        found = node(search_node).indices.get_settings(index=names, flat_settings=True)
        seen["refresh"] = {found[name]["settings"].get("index.refresh_interval") for name in found}
        return swap(client, policy, new, actions)

    monkeypatch.setattr(indexing, "_swap_aliases", checked_swap)
    result = indexing.rebuild_indices()

    assert seen["refresh"] == {None}  # refreshes restored, not left at -1
    assert seen["searchable"][result.indices["vi"]] == len(stories)
    assert seen["searchable"][result.indices["en"]] == len(stories)
