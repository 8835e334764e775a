"""Warming: every shard copy answers the readers' searches before readers do.

A node just started, or an index just built, answers its first searches in hundreds of
milliseconds, past a reader's deadline: without warming, the first readers after a release,
a rebuild or a node's restart get the database's fallback. Each copy's own search count, as
the node keeps it, shows which copies were sent what.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from elasticsearch import Elasticsearch

from search.index import admin_client, alias_name, languages, rebuild_indices
from search.warm_up import ShardCopy, shard_copies, warm_copies, warm_up
from tests.factories.stories import published_story
from tests.services import silent_server

pytestmark = pytest.mark.django_db

# What readers and partners send about a story: words, suggestions, related, a feed; and the
# listing that finds the story.
SEARCHES_ABOUT_A_STORY = 5


def queries_per_copy(client: Elasticsearch, index: str) -> dict[tuple[int, str], int]:
    """How many searches each copy of ``index``'s shards has answered, by (shard, node)."""
    stats = client.indices.stats(index=index, metric="search", level="shards")
    counts = {}
    for name, about in stats["indices"].items():
        for shard, copies in about["shards"].items():
            for copy in copies:
                key = (name, int(shard), copy["routing"]["node"])
                counts[key] = copy["search"]["query_total"]
    return counts


def all_queries(client: Elasticsearch) -> dict[tuple[int, str], int]:
    counts = {}
    for language in languages():
        counts.update(queries_per_copy(client, alias_name(language)))
    return counts


def test_every_shard_copy_answers_the_readers_searches(search_index, section, refresh):
    published_story(section, {"vi": ("Hợp tác thương mại", "Gạo."), "en": ("Trade talks", "A.")})
    refresh()
    client = admin_client()
    before = all_queries(client)
    out = StringIO()

    call_command("search_warm", "--rounds", "2", stdout=out)

    after = all_queries(client)
    assert set(after) == set(before) and len(after) == len(languages())
    for copy, count in after.items():
        language = copy[0].removeprefix(f"{search_index}-").rsplit("-", 1)[0]
        # A language with a story is asked everything readers ask; one without, its listing.
        expected = SEARCHES_ABOUT_A_STORY if language in {"vi", "en"} else 1
        assert count - before[copy] >= 2 * expected, (copy, count - before[copy])
    assert out.getvalue().startswith(
        f"Warmed {len(languages())} shard copies of {len(languages())} language(s) in 2 round(s)"
    )


def test_a_rebuild_warms_its_new_indices_before_the_aliases_move(search_index, section, refresh):
    published_story(section, {"vi": ("Tin gạo", "Gạo."), "en": ("Rice", "Rice.")})
    refresh()
    client = admin_client()
    seen = {}

    def before_swap(new: dict[str, str]) -> None:
        aliased = set(client.indices.get_alias(name=alias_name("en")))
        seen["aliased"] = new["en"] in aliased
        seen["documents"] = client.count(index=new["en"])["count"]
        seen["report"] = warm_up(new, rounds=1)

    result = rebuild_indices(before_swap=before_swap)

    assert seen["aliased"] is False and seen["documents"] == 1
    assert seen["report"].copies == len(languages()) and not seen["report"].failures
    counts = queries_per_copy(client, result.indices["en"])
    assert sum(counts.values()) >= SEARCHES_ABOUT_A_STORY


def test_the_reindex_command_says_it_warmed_before_it_swapped(search_index, section, refresh):
    published_story(section, {"vi": ("Tin gạo", "Gạo.")})
    refresh()
    out = StringIO()

    call_command("search_reindex", stdout=out)

    lines = out.getvalue().splitlines()
    warmed = next(n for n, line in enumerate(lines) if line.startswith("Warmed "))
    swapped = next(n for n, line in enumerate(lines) if "aliases swapped" in line)
    assert warmed < swapped


def test_a_copy_that_fails_is_reported_and_the_others_are_warmed(search_index, section, refresh):
    published_story(section, {"en": ("Trade talks", "A.")})
    refresh()
    client = admin_client()
    copies = shard_copies(client, {"en": alias_name("en")})
    gone = ShardCopy("en", f"{search_index}-en-deleted", 0, copies[0].node)
    before = queries_per_copy(client, alias_name("en"))

    report = warm_copies(client, [gone, *copies], rounds=2)

    assert len(report.failures) == 1 and "deleted" in report.failures[0]
    after = queries_per_copy(client, alias_name("en"))
    assert all(after[copy] - before[copy] >= 2 * SEARCHES_ABOUT_A_STORY for copy in after)


def test_the_scheduler_warms_only_nodes_that_started_lately(search_index, section, refresh):
    published_story(section, {"en": ("Trade talks", "A.")})
    refresh()
    client = admin_client()
    before = all_queries(client)
    out = StringIO()

    # The test node started more than a millisecond ago: nothing to do, nothing said.
    call_command("search_warm", "--started-within", "0.001", stdout=out)

    assert all_queries(client) == before
    assert out.getvalue() == ""
    call_command("search_warm", "--started-within", "1e9", "--rounds", "1", stdout=out)
    assert out.getvalue().startswith(f"Warmed {len(languages())} shard copies")


def test_a_cluster_that_does_not_answer_fails_a_release_in_one_line(settings):
    with silent_server() as hung:
        settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": hung, "admin_timeout": 1}
        with pytest.raises(CommandError) as refused:
            call_command("search_warm")
        assert str(refused.value).startswith("search_warm: nothing warmed:")
        assert "\n" not in str(refused.value)

        out = StringIO()
        call_command("search_warm", "--started-within", "300", stdout=out)  # the scheduler's
        assert out.getvalue().startswith("search_warm: nothing warmed:")


def test_rounds_below_one_are_refused(settings):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("search_warm", "--rounds", "0")


def test_a_node_that_does_not_answer_costs_one_wait_not_one_per_copy():
    with silent_server() as hung:
        client = Elasticsearch(hung, request_timeout=0.5)
        copies = [ShardCopy(language, f"news-{language}", 0, "frozen") for language in languages()]

        report = warm_copies(client, copies, rounds=3)

    assert len(report.failures) == 1 and "frozen" in report.failures[0]
    assert report.rounds == [[], [], []]
