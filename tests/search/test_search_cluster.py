"""Search on a cluster: ELASTICSEARCH_URL names every node, and a node may die.

A request that meets a refused connection goes to another node, and the circuit counts only
how the request ended; a read timeout is never sent again. The drill starts three nodes of
its own with a replica of every index, kills one while readers search, and checks that no
search failed or came back short, that changes recorded meanwhile reach the index, and that
``search_check`` finds nothing amiss.
"""

import shutil
import threading
import time
from io import StringIO

import certifi
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from elastic_transport import ConnectionTimeout
from elasticsearch import Elasticsearch

from search.checks import search_settings_are_complete
from search.index import (
    DrainResult,
    alias_name,
    drain_all,
    languages,
    next_due,
    reset_circuit,
    search_client,
)
from search.index.client import CIRCUIT, Circuit
from search.index.indexing import admin_client
from search.models import IndexChange
from search.reader import SearchRequest, search_articles
from tests.factories.stories import published_story
from tests.factories.translations import approve_text
from tests.production_server import SearchNode, free_port
from tests.services import require_service, silent_server, wait_for

PORT = 9270  # and 9271, 9272; transport 9370-9372
NODES = 3


def found(language: str, words: str) -> tuple[bool, set[int]]:
    """What a reader gets: whether it was the database's fallback, and the stories found."""
    result = search_articles(SearchRequest(language=language, query=words))
    return result.degraded, {hit.page_id for hit in result.hits}


def test_a_refused_node_in_the_url_costs_readers_nothing(
    search_index, search_node, settings, section, refresh, caplog
):
    story = published_story(
        section, {"vi": ("Gạo xuất khẩu", "Gạo."), "en": ("Rice exports", "Rice.")}
    )
    refresh()
    dead = f"127.0.0.1:{free_port()}"  # nothing listens: connections are refused
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": f"http://{dead},{search_node}",
        "failure_threshold": 1,  # one failure counted would open the circuit
    }
    reset_circuit()

    answers = [found("en", "rice") for _ in range(6)]

    assert answers == [(False, {story.pk})] * 6
    assert any(dead in record.getMessage() for record in caplog.records)  # it was tried
    assert CIRCUIT.state == Circuit.CLOSED and CIRCUIT.failures == 0


def test_a_hung_node_costs_a_timeout_that_counts_and_is_not_sent_again(search_node, settings):
    with silent_server() as hung:
        settings.NEWSROOM_SEARCH = {
            **settings.NEWSROOM_SEARCH,
            "url": f"{hung},{search_node}",
            "timeout": 0.3,
            "failure_threshold": 5,
        }
        reset_circuit()
        outcomes = []
        deadline = time.monotonic() + 10
        try:
            # The pool sets the hung node aside for a second after each timeout, then tries it.
            while outcomes.count("timeout") < 2 and time.monotonic() < deadline:
                try:
                    search_client().info()
                    outcomes.append("answer")
                except ConnectionTimeout:
                    outcomes.append("timeout")
                time.sleep(0.1)
            assert outcomes.count("timeout") == 2, outcomes
            assert "answer" in outcomes
            assert CIRCUIT.failures == 1  # the first was a cold start, the second counts
        finally:
            reset_circuit()


def test_each_node_of_the_url_must_be_an_http_url(settings):
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": "http://10.0.0.1:9200, ftp://10.0.0.2:9200,http://10.0.0.3:9200",
    }
    errors = search_settings_are_complete(None)
    assert [error.id for error in errors] == ["search.E002"]
    assert "ftp://10.0.0.2:9200" in errors[0].msg


def test_every_node_is_used_and_https_nodes_are_verified_against_the_ca(settings):
    urls = ["https://10.0.0.1:9200", "https://10.0.0.2:9200", "https://10.0.0.3:9200"]
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": ",".join(urls),
        "ca_certs": certifi.where(),  # any CA file; nothing is sent
    }
    reset_circuit()
    for client in (search_client(), admin_client()):
        nodes = client.transport.node_pool.all()
        assert sorted(f"https://{node.config.host}:{node.config.port}" for node in nodes) == urls
        assert {node.config.ca_certs for node in nodes} == {certifi.where()}


# The drill: a cluster of this test's own.


@pytest.fixture
def own_search_node(tmp_path, settings, db):
    """Three nodes on ports of their own, indices with one replica each."""
    require_service(bool(shutil.which("java")), "Java is not installed (the node needs Java 17)")
    cluster = SearchNode(tmp_path / "cluster", PORT, count=NODES)
    cluster.start()
    try:  # a cluster left running would make the next run fail to start its own
        settings.NEWSROOM_SEARCH = {
            **settings.NEWSROOM_SEARCH,
            "url": cluster.elasticsearch_url,
            "index_prefix": "test-cluster",
            "replicas": 1,
        }
        reset_circuit()
        yield cluster
    finally:
        cluster.stop()
        reset_circuit()


class Readers:
    """Threads searching as readers do until stopped, each answer checked against the truth."""

    def __init__(self, searches: dict[str, tuple[str, set[int]]], threads: int = 4):
        self.searches = list(searches.items())
        self.answers: list[tuple[float, float, str]] = []  # when, seconds, "ok" or what was wrong
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._read, args=(self.searches[n % len(self.searches)],))
            for n in range(threads)
        ]

    def _read(self, search: tuple[str, tuple[str, set[int]]]) -> None:
        language, (words, expected) = search
        try:
            while not self._done.is_set():
                started = time.monotonic()
                try:
                    degraded, page_ids = found(language, words)
                    verdict = (
                        "ok"
                        if not degraded and page_ids == expected
                        else f"{language}: degraded={degraded}, {sorted(page_ids)}"
                    )
                except Exception as error:  # any error is a failed search
                    verdict = f"{language}: {error!r}"
                with self._lock:
                    self.answers.append((started, time.monotonic() - started, verdict))
        finally:
            connection.close()  # this thread's own, had the fallback opened one

    def __enter__(self) -> "Readers":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        for thread in self._threads:
            thread.join()

    def count(self, since: float = 0.0) -> int:
        with self._lock:
            return sum(when >= since for when, _seconds, _verdict in self.answers)

    def failures(self) -> list[str]:
        with self._lock:
            return [verdict for _when, _seconds, verdict in self.answers if verdict != "ok"]


def warm_up(searches: dict[str, tuple[str, set[int]]]) -> None:
    """Search, one reader at a time, until every node has answered a few times.

    A cold node's first queries may time out (the first is forgiven): four readers starting
    at once on cold nodes would open the circuit before the drill begins.
    """
    answered = 0
    deadline = time.monotonic() + 60
    while answered < 3 * NODES * len(searches):
        for language, (words, expected) in searches.items():
            answered = answered + 1 if found(language, words) == (False, expected) else 0
        assert time.monotonic() < deadline, "the cluster never answered"
        if CIRCUIT.state != Circuit.CLOSED:
            time.sleep(0.5)
            reset_circuit()


def drain_as_the_worker_does(attempts: int = 4) -> list[DrainResult]:
    """Drain; rows that had to wait (the node too slow, say) are drained again when due.

    The outbox uses the readers' client and timeout, and a busy machine may make a bulk
    write outlast it: the worker then tries again after the rows' back-off (2 s, 4 s, ...).
    """
    results = [drain_all()]
    while IndexChange.objects.pending().exists() and len(results) < attempts:
        due = next_due()
        if due is not None:
            time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.05)
        results.append(drain_all())
    return results


def node_holding_the_primary(admin: Elasticsearch, language: str) -> int:
    shards = admin.cat.shards(index=alias_name(language), format="json")
    name = next(shard["node"] for shard in shards if shard["prirep"] == "p")
    return int(name.rsplit("-", 1)[1]) - PORT  # nodes are named search-node-<http port>


def test_readers_lose_nothing_when_a_node_of_three_dies(own_search_node, section, client):
    cluster = own_search_node
    stories = [
        published_story(
            section,
            {"vi": (f"Hợp tác kinh tế {n}", "Hợp tác."), "en": (f"Economic cooperation {n}", "A.")},
        )
        for n in range(6)
    ]
    call_command("search_reindex", stdout=StringIO())
    drain_as_the_worker_does()  # the publications' own outbox rows
    assert not IndexChange.objects.pending().exists()
    admin = Elasticsearch(cluster.urls, request_timeout=60)
    health = admin.cluster.health()
    # search_reindex swapped the aliases once every replica was active.
    assert health["status"] == "green"
    assert health["active_shards"] == 2 * health["active_primary_shards"] == 2 * len(languages())

    ids = {story.pk for story in stories}
    searches = {"en": ("cooperation", ids), "vi": ("hợp tác", ids)}
    warm_up(searches)
    victim = node_holding_the_primary(admin, "en")
    survivor = Elasticsearch(cluster.urls[(victim + 1) % NODES], request_timeout=60)
    with Readers(searches) as readers:
        wait_for(lambda: readers.count() >= 20, timeout=30, what="readers to search")
        killed_at = time.monotonic()
        cluster.kill(victim)

        # While it is dead: a new story, and a new English text for an old one.
        added = published_story(
            section, {"vi": ("Hội chợ thương mại", "B."), "en": ("Trade fair", "B.")}
        )
        approve_text(stories[0], "en", title="Economic cooperation, updated")
        pending = list(IndexChange.objects.pending().values_list("page_id", flat=True))
        assert set(pending) == {added.pk, stories[0].pk}
        survivor.cluster.health(wait_for_nodes=NODES - 1, timeout="30s")
        drains = drain_as_the_worker_does()
        wait_for(
            lambda: time.monotonic() - killed_at > 3 and readers.count(since=killed_at) >= 40,
            timeout=60,
            what="readers to search on after the kill",
        )

    assert readers.failures() == []
    assert CIRCUIT.state == Circuit.CLOSED  # one dead node of three never opened it
    # Nothing lost: both pages synced (on a later attempt if the first had to wait).
    assert sum(drain.synced for drain in drains) == len(pending), drains
    assert not any(drain.failed for drain in drains)
    assert not IndexChange.objects.pending().exists()

    # Readers find the changes, served by the copies that survived.
    survivor.indices.refresh(index="test-cluster-*")
    page = client.get("/en/search/", {"q": "trade fair"})
    assert not page.context["result"].degraded
    assert [hit.page_id for hit in page.context["result"].hits] == [added.pk]
    result = search_articles(SearchRequest(language="en", query="updated"))
    assert [hit.page_id for hit in result.hits] == [stories[0].pk] and not result.degraded

    report = StringIO()
    call_command("search_check", stdout=report)
    assert "The index matches the database." in report.getvalue()
    assert f"{NODES - 1} node(s)" in report.getvalue()
    assert f"ELASTICSEARCH_URL names {NODES}" in report.getvalue()

    # The operator starts the node again: it rejoins, and every copy is placed again.
    cluster.start_node(victim)
    health = survivor.cluster.health(wait_for_nodes=NODES, wait_for_status="green", timeout="60s")
    assert health["status"] == "green" and health["number_of_nodes"] == NODES

    # Within a minute the scheduler warms the copies of the node that started again, only them.
    uptimes = sorted(
        about["jvm"]["uptime_in_millis"] / 1000
        for about in survivor.nodes.stats(metric="jvm")["nodes"].values()
    )
    window = (uptimes[0] + uptimes[1]) / 2  # the restarted node's, not the others'
    on_restarted = [
        shard
        for shard in survivor.cat.shards(index="test-cluster-*", format="json")
        if shard["node"] == f"search-node-{PORT + victim}" and shard["state"] == "STARTED"
    ]
    out = StringIO()
    call_command("search_warm", "--started-within", str(window), "--rounds", "1", stdout=out)
    assert out.getvalue().startswith(f"Warmed {len(on_restarted)} shard copies"), out.getvalue()
    assert 0 < len(on_restarted) < 2 * len(languages())
