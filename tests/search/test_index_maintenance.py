"""Rebuilding behind aliases, and finding and repairing drift between database and index."""

import time

import pytest
from django.core.management import CommandError, call_command

from search.index import alias_name, find_drift, indexing, languages, rebuild_indices, search_client
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


def indices_behind(alias):
    return sorted(search_client().indices.get_alias(name=alias))


def test_rebuild_swaps_every_alias_to_one_new_index_and_removes_the_old(
    search_index, section, refresh
):
    story = published_story(section, {"vi": ("Tin gạo", "Gạo."), "en": ("Rice", "Rice.")})
    refresh()
    before = {language: indices_behind(alias_name(language)) for language in languages()}

    result = rebuild_indices()

    for language in languages():
        after = indices_behind(alias_name(language))
        assert after == [result.indices[language]]
        assert after != before[language]
        assert not search_client().indices.exists(index=before[language][0])
    hits = search_client().search(index=alias_name("en"), query={"match": {"title": "rice"}})
    assert [int(h["_id"]) for h in hits["hits"]["hits"]] == [story.pk]


def test_old_indices_go_at_once_when_no_search_runs(search_index, section, refresh, monkeypatch):
    """The grace after the swap is for searches routed to an old index: with none, no wait."""
    published_story(section, {"vi": ("Tin gạo", "Gạo.")})
    refresh()
    before = indices_behind(alias_name("vi"))
    monkeypatch.setattr(indexing, "SWAP_GRACE_SECONDS", 600.0)

    started = time.monotonic()
    rebuild_indices()

    assert time.monotonic() - started < 60
    assert not search_client().indices.exists(index=before[0])


def test_the_reindex_command_reports_what_it_did(search_index, section, refresh, capsys):
    published_story(section, {"vi": ("Tin", "A.")})
    refresh()
    call_command("search_reindex")
    assert "aliases swapped" in capsys.readouterr().out


def test_drift_is_found_and_repaired(search_index, section, refresh):
    kept = published_story(section, {"vi": ("Giữ", "A."), "en": ("Kept", "A.")})
    missing = published_story(section, {"vi": ("Thiếu", "B.")})
    stale = published_story(section, {"vi": ("Cũ", "C.")})
    refresh()
    client = search_client()
    client.delete(index=alias_name("vi"), id=missing.pk, refresh=True)
    client.index(index=alias_name("vi"), id="999999", document={"page_id": "999999"}, refresh=True)
    client.update(index=alias_name("vi"), id=stale.pk, doc={"revision_id": "0"}, refresh=True)

    drift = find_drift()
    assert drift.missing["vi"] == {missing.pk}
    assert drift.extra["vi"] == {999999}
    assert drift.stale["vi"] == {stale.pk}
    assert kept.pk not in drift.page_ids()

    with pytest.raises(CommandError):
        call_command("search_check")
    call_command("search_check", "--repair")
    client.indices.refresh(index=alias_name("vi"))
    assert find_drift().is_clean()
