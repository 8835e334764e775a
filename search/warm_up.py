"""Readers' searches sent to every copy of every shard before readers come.

A node just started, or an index just built, answers its first searches in hundreds of
milliseconds (the JVM compiles the query paths, the shard loads its terms, the facets build
their ordinals): over a reader's deadline (``reader_timeout``), so the first readers would get
the database's results, and their timeouts would count towards the circuit. Warming sends the
searches readers send (words with facets, highlights and "did you mean"; a listing; title
suggestions; related stories; a partner's feed) to each shard copy in turn, pinned to it by
the ``preference`` parameter, through the admin client: a slow warm-up never opens the
readers' circuit.

It runs at release (``deploy/release.sh``), in a rebuild before the aliases move to the new
indices, and every minute from the scheduler for the nodes that started lately.
"""

import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.dsl import Search

from search.index import (
    READ_ERRORS,
    UNAVAILABLE_ERRORS,
    admin_client,
    admin_policy,
    alias_name,
    languages,
)
from search.reader.queries import build_search
from search.reader.related import stories_like
from search.reader.results import SearchRequest
from search.reader.suggestions import title_suggestions_search
from search.syndication.feeds.selection import FeedAccess, FeedSelection, feed_search

# Each search waits this long at most (less if the admin timeout is shorter): a hung node
# costs the warm-up one wait (``warm_copies``), not a release.
WARM_TIMEOUT = 10.0
ROUNDS = 3
AUTOCOMPLETE_PREFIX = 3
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ShardCopy:
    """One copy of one shard of an index, on one node."""

    language: str
    index: str
    shard: int
    node: str

    @property
    def preference(self) -> str:
        """What pins a search to this copy alone."""
        return f"_shards:{self.shard}|_only_nodes:{self.node}"


@dataclass
class WarmUp:
    """What a warm-up did: the milliseconds of each round's searches, and what failed."""

    copies: int = 0
    languages: int = 0
    rounds: list[list[float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what was warmed, and how long its first and last rounds took."""
        if not self.copies:
            return "No shard copy to warm."
        warmed = (
            f"Warmed {self.copies} shard copies of {self.languages} language(s) "
            f"in {len(self.rounds)} round(s) of readers' searches"
        )
        answered = [took for took in self.rounds if took]
        if not answered:
            return f"{warmed}: no search answered."
        if len(answered) == 1:
            return f"{warmed}: {_pace(answered[0])}."
        return f"{warmed}: first round {_pace(answered[0])}, last round {_pace(answered[-1])}."


def _pace(took: list[float]) -> str:
    return f"median {statistics.median(took):.0f} ms (slowest {max(took):.0f} ms)"


def shard_copies(
    client: Elasticsearch, indices: dict[str, str], nodes: set[str] | None = None
) -> list[ShardCopy]:
    """The started copies of each language's index, on ``nodes`` only when named."""
    copies = []
    for language, index in indices.items():
        for group in client.search_shards(index=index)["shards"]:
            for copy in group:
                if copy["state"] != "STARTED" or (nodes is not None and copy["node"] not in nodes):
                    continue
                copies.append(ShardCopy(language, copy["index"], int(copy["shard"]), copy["node"]))
    return copies


def pinned(search: Search, copy: ShardCopy) -> Search:
    """``search`` sent to ``copy``'s index and answered by that copy alone."""
    return search.index().index(copy.index).params(preference=copy.preference)


def searches_about(story: Any, copy: ShardCopy, client: Elasticsearch) -> list[Search]:
    """What readers and partners ask about a story: its longest word, its start, its likes."""
    word = max(WORD.findall(story.title) or [""], key=len)
    partner = FeedAccess(full_text=True, embargoed=True)
    searches = [
        build_search(SearchRequest(language=copy.language, query=word), client),
        title_suggestions_search(copy.language, word[:AUTOCOMPLETE_PREFIX], client),
        stories_like(int(story.page_id), copy.language, client, index=copy.index),
        feed_search(FeedSelection(copy.language), partner, datetime.now(UTC), client),
    ]
    return [pinned(search, copy) for search in searches]


def warm_copy(copy: ShardCopy, client: Elasticsearch) -> list[float]:
    """Send ``copy`` the readers' searches about its newest story; their milliseconds."""
    took: list[float] = []

    def timed(search: Search) -> Any:
        started = time.monotonic()
        response = search.execute()
        took.append(1000 * (time.monotonic() - started))
        return response

    newest = timed(pinned(build_search(SearchRequest(language=copy.language), client), copy))
    if newest.hits:
        for search in searches_about(newest.hits[0], copy, client):
            timed(search)
    return took


def warm_copies(client: Elasticsearch, copies: list[ShardCopy], rounds: int) -> WarmUp:
    """Each copy answers the readers' searches ``rounds`` times; a copy that fails is left.

    A node that did not answer (down, hung) is left with all its copies: it costs one wait.
    """
    report = WarmUp(copies=len(copies), languages=len({copy.language for copy in copies}))
    failed: set[ShardCopy] = set()
    away: set[str] = set()
    for _ in range(rounds):
        took: list[float] = []
        for copy in copies:
            if copy in failed or copy.node in away:
                continue
            try:
                took.extend(warm_copy(copy, client))
            except READ_ERRORS as error:
                failed.add(copy)
                if isinstance(error, UNAVAILABLE_ERRORS):
                    away.add(copy.node)
                report.failures.append(
                    f"{copy.index} shard {copy.shard} on node {copy.node}: {type(error).__name__}"
                )
        report.rounds.append(took)
    return report


def warm_up(
    indices: dict[str, str] | None = None,
    rounds: int = ROUNDS,
    started_within: float | None = None,
) -> WarmUp:
    """Warm every copy of ``indices`` (each language's alias unless named).

    With ``started_within`` (seconds), only the copies on nodes whose JVM started that
    recently. Raises what the client raises if the cluster cannot be asked where the copies are.
    """
    timeout = min(WARM_TIMEOUT, admin_policy().timeout)
    client = admin_client().options(request_timeout=timeout)
    indices = indices or {language: alias_name(language) for language in languages()}
    nodes = None
    if started_within is not None:
        stats = client.nodes.stats(metric="jvm", timeout=f"{int(1000 * timeout)}ms")["nodes"]
        nodes = {
            node
            for node, about in stats.items()
            if about["jvm"]["uptime_in_millis"] < 1000 * started_within
        }
        if not nodes:
            return WarmUp()
    return warm_copies(client, shard_copies(client, indices, nodes), rounds)
