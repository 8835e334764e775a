"""One circuit for every path to Elasticsearch: a hung node costs readers a bounded wait, once.

The circuit's state machine runs on a fake clock; the node's timeouts against a socket that
never answers; and the drill against a real node of this test's own, frozen with SIGSTOP.
"""

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.utils.translation import override
from elastic_transport import ConnectionTimeout

from search.index import SearchUnavailable, ensure_indices, reset_circuit, search_client
from search.index.client import CIRCUIT, Circuit, _client
from tests.factories.stories import published_story
from tests.services import index_now, require_service, silent_server

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "search-node" / "search-node.sh"
PORT = 9262


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def circuit(clock):
    return Circuit(threshold=3, cooldown=10.0, clock=clock)


def trip(circuit):
    """Three failures in a row: the threshold that opens the circuit."""
    for _ in range(3):
        circuit.record_failure()


def test_the_circuit_opens_after_consecutive_failures_only(circuit):
    circuit.record_failure()
    circuit.record_failure()
    circuit.record_success()  # an answer in between: the count starts again
    circuit.record_failure()
    circuit.record_failure()
    assert circuit.state == Circuit.CLOSED and circuit.allow()
    circuit.record_failure()
    assert circuit.state == Circuit.OPEN
    assert circuit.is_refusing() and not circuit.allow()


def test_after_the_cooldown_exactly_one_caller_probes(circuit, clock):
    trip(circuit)
    clock.now += 9.9
    assert not circuit.allow()
    clock.now += 0.2
    assert not circuit.is_refusing()  # looking does not take the probe
    assert circuit.allow()  # the probe
    assert circuit.state == Circuit.HALF_OPEN
    assert circuit.is_refusing()
    assert [circuit.allow() for _ in range(5)] == [False] * 5


def test_a_successful_probe_closes_the_circuit(circuit, clock):
    trip(circuit)
    clock.now += 10
    assert circuit.allow()
    circuit.record_success()
    assert circuit.state == Circuit.CLOSED
    assert all(circuit.allow() for _ in range(5))
    circuit.record_failure()  # the count starts from nothing again
    assert circuit.state == Circuit.CLOSED


def test_a_failed_probe_reopens_the_circuit_for_a_full_cooldown(circuit, clock):
    trip(circuit)
    clock.now += 10
    assert circuit.allow()
    circuit.record_failure()
    assert circuit.state == Circuit.OPEN
    clock.now += 9.9
    assert not circuit.allow()
    clock.now += 0.1
    assert circuit.allow()


def test_an_inconclusive_probe_lets_the_next_caller_probe(circuit, clock):
    trip(circuit)
    clock.now += 10
    assert circuit.allow()
    circuit.record_inconclusive()
    assert circuit.state == Circuit.HALF_OPEN
    assert circuit.allow()
    assert not circuit.allow()


def test_a_probe_that_never_reports_does_not_block_the_circuit_forever(circuit, clock):
    trip(circuit)
    clock.now += 10
    assert circuit.allow()
    clock.now += 10
    assert circuit.allow()


def test_failures_of_requests_sent_before_it_opened_do_not_extend_the_cooldown(circuit, clock):
    trip(circuit)
    clock.now += 5
    circuit.record_failure()
    clock.now += 5
    assert circuit.allow()


def test_only_one_of_many_threads_probes(circuit, clock):
    trip(circuit)
    clock.now += 10
    barrier = threading.Barrier(16)
    allowed = []

    def call():
        barrier.wait()
        allowed.append(circuit.allow())

    threads = [threading.Thread(target=call) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 15 + [True]


@pytest.fixture
def frozen_node_url():
    """A server that accepts connections and never answers, like a frozen node."""
    with silent_server() as url:
        yield url


def _ping():
    try:
        search_client().info()
    except SearchUnavailable:
        return "refused"
    except Exception as error:  # any error of the transport is a failure here
        return type(error).__name__
    return "answered"


def test_a_cold_timeout_is_forgiven_then_timeouts_open_the_circuit(settings, frozen_node_url):
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": frozen_node_url,
        "timeout": 0.3,
        "failure_threshold": 2,
        "cooldown": 30.0,
    }
    reset_circuit()
    _client.cache_clear()  # a fresh connection, as in a worker that just started
    try:
        started = time.monotonic()
        assert _ping() == "ConnectionTimeout"
        assert time.monotonic() - started < 2
        assert CIRCUIT.state == Circuit.CLOSED and CIRCUIT.failures == 0  # a cold start
        assert _ping() == "ConnectionTimeout"
        assert CIRCUIT.state == Circuit.CLOSED
        assert _ping() == "ConnectionTimeout"
        assert CIRCUIT.state == Circuit.OPEN
        started = time.monotonic()
        assert _ping() == "refused"
        assert time.monotonic() - started < 0.1
    finally:
        reset_circuit()


def test_a_shorter_time_box_than_the_read_timeout_does_not_count(settings, frozen_node_url):
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": frozen_node_url,
        "timeout": 2.0,
        "failure_threshold": 1,
    }
    reset_circuit()
    try:
        client = search_client().options(request_timeout=0.2)
        for _ in range(3):
            started = time.monotonic()
            with pytest.raises(ConnectionTimeout):
                client.info()
            assert time.monotonic() - started < 1.5
        assert CIRCUIT.state == Circuit.CLOSED
    finally:
        reset_circuit()


def test_a_refused_connection_counts_at_once(settings):
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": "http://127.0.0.1:1",
        "failure_threshold": 2,
    }
    reset_circuit()
    try:
        assert _ping() == "ConnectionError"
        assert _ping() == "ConnectionError"
        assert CIRCUIT.state == Circuit.OPEN
        assert _ping() == "refused"
    finally:
        reset_circuit()


# The drill: a real node of this test's own, frozen and thawed.

READ_TIMEOUT = 1.0
THRESHOLD = 3
COOLDOWN = 3.0
RELATED_TIMEOUT = 0.3
MARGIN = 1.5  # a drill, not a benchmark: a busy machine must not make it flaky


class Node:
    def __init__(self, state_dir: Path):
        self.state_dir = state_dir
        self.env = {**os.environ, "SEARCH_NODE_DIR": str(state_dir), "SEARCH_NODE_PORT": str(PORT)}
        self.url = f"http://127.0.0.1:{PORT}"

    def run(self, command):
        subprocess.run([str(SCRIPT), command], env=self.env, check=True, capture_output=True)

    def signal(self, number):
        pid = int((self.state_dir / "search-node.pid").read_text().strip())
        os.kill(pid, number)


@pytest.fixture
def frozen_node_drill(tmp_path, settings, db):
    require_service(bool(shutil.which("java")), "Java is not installed (the node needs Java 17)")
    node = Node(tmp_path / "node")
    node.run("start")
    try:
        settings.NEWSROOM_SEARCH = {
            **settings.NEWSROOM_SEARCH,
            "url": node.url,
            "index_prefix": "test-hung",
            "timeout": READ_TIMEOUT,
            "connect_timeout": 0.5,
            "failure_threshold": THRESHOLD,
            "cooldown": COOLDOWN,
            "related_timeout": RELATED_TIMEOUT,
        }
        reset_circuit()
        ensure_indices()
        yield node
    finally:
        node.signal(signal.SIGCONT)
        node.run("stop")
        reset_circuit()


def timed_get(client, url, params=None):
    started = time.monotonic()
    response = client.get(url, params or {})
    return response, time.monotonic() - started


def until_elasticsearch_answers(client, seconds=30):
    """The search page once it answers from Elasticsearch.

    A node just started or thawed may need a moment: a cold first query may time out (which
    must not open the circuit).
    """
    deadline = time.monotonic() + seconds
    while True:
        response = client.get("/en/search/", {"q": "rice"})
        assert response.status_code == 200
        if not response.context["result"].degraded:
            return response
        assert time.monotonic() < deadline, "Elasticsearch never answered"
        time.sleep(0.5)


def test_a_frozen_node_costs_readers_a_bounded_wait_then_none(frozen_node_drill, client, section):
    node = frozen_node_drill
    story = published_story(
        section,
        {"vi": ("Xuất khẩu gạo tăng", "Gạo thơm."), "en": ("Rice exports rise", "Fragrant rice.")},
    )
    index_now()
    warm = until_elasticsearch_answers(client)
    assert [hit.page_id for hit in warm.context["result"].hits] == [story.pk]

    node.signal(signal.SIGSTOP)
    try:
        # Related stories are time-boxed: the article does not wait for the read timeout.
        with override("en"):
            article, seconds = timed_get(client, story.get_url())
        assert article.status_code == 200
        assert seconds < RELATED_TIMEOUT + MARGIN
        assert CIRCUIT.state == Circuit.CLOSED  # an impatient caller proves nothing

        # The first readers wait at most the read timeout, then get the database's answer.
        for _ in range(THRESHOLD):
            response, seconds = timed_get(client, "/en/search/", {"q": "rice"})
            assert response.status_code == 200
            assert response.context["result"].degraded
            assert "simplified mode" in response.content.decode()
            assert seconds < READ_TIMEOUT + MARGIN
        assert CIRCUIT.state == Circuit.OPEN

        # Once open, nobody waits.
        for _ in range(5):
            response, seconds = timed_get(client, "/en/search/", {"q": "rice"})
            assert response.status_code == 200
            assert response.context["result"].degraded
            assert seconds < 0.5 + MARGIN / 3
        with override("en"):
            article, seconds = timed_get(client, story.get_url())
        assert article.status_code == 200
        assert seconds < 0.5 + MARGIN / 3
    finally:
        node.signal(signal.SIGCONT)

    # After the cooldown one probe finds the node back, and Elasticsearch answers again.
    time.sleep(COOLDOWN + 0.2)
    response = until_elasticsearch_answers(client)
    assert [hit.page_id for hit in response.context["result"].hits] == [story.pk]
    assert CIRCUIT.state == Circuit.CLOSED
