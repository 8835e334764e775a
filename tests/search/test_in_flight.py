"""A hung node never holds every web worker: readers' requests in flight are limited per machine.

Slots are files locked with ``flock``; another worker of the machine holding one is another
open file here, as a gunicorn worker's is, with its request's start written in it.
"""

import fcntl
import os
import struct
import threading
import time
from contextlib import contextmanager

import pytest
from django.utils.translation import override

from search.checks import reader_waits_are_consistent
from search.index.client import CIRCUIT, Circuit, ReaderPace
from search.index.in_flight import InFlightLimit, NodeBusy
from tests.factories.stories import published_story
from tests.search.latency_proxy import LatencyProxy

SLOTS = 2
HUNG_AFTER = 0.5
RECORD = struct.Struct("<d?")  # a slot's record: its request's start, and whether it is cold


@contextmanager
def held_by_other_workers(circuit_file: str, starts: list[float], cold: bool = False):
    """Slots taken, as gunicorn workers waiting on the node hold them, since ``starts``."""
    descriptors = [
        os.open(f"{circuit_file}.slot-{number}", os.O_RDWR | os.O_CREAT, 0o600)
        for number in range(len(starts))
    ]
    try:
        for descriptor, start in zip(descriptors, starts, strict=True):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            os.pwrite(descriptor, RECORD.pack(start, cold), 0)
        yield
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


@pytest.fixture
def slotted(settings, search_index, tmp_path):
    circuit_file = str(tmp_path / "search.circuit")
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "circuit_file": circuit_file,
        "reader_slots": SLOTS,
        "slot_wait": 0.1,
        "hung_after": HUNG_AFTER,
    }
    return circuit_file


@pytest.fixture
def story(section, refresh):
    story = published_story(
        section, {"vi": ("Hội chợ cà phê", "Nội dung."), "en": ("Coffee fair", "Text.")}
    )
    refresh()
    return story


def search(client, words="coffee"):
    started = time.monotonic()
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    return response.context["result"], time.monotonic() - started


def test_a_search_with_a_free_slot_is_answered_by_elasticsearch(slotted, story, client):
    with held_by_other_workers(slotted, [time.monotonic()]):  # one of two taken, just now
        result, _seconds = search(client)
    assert not result.degraded
    assert [hit.page_id for hit in result.hits] == [story.pk]


def test_with_every_slot_taken_a_search_falls_back_soon_and_counts_no_failure(
    slotted, story, client
):
    with held_by_other_workers(slotted, [time.monotonic()] * SLOTS):
        result, seconds = search(client)

    assert result.degraded
    assert [hit.page_id for hit in result.hits] == [story.pk]  # the database found it
    assert seconds < 1.0
    assert CIRCUIT.state == Circuit.CLOSED and CIRCUIT.failures == 0


def test_a_request_unanswered_too_long_makes_searches_fall_back_at_once(slotted, story, client):
    search(client)  # the node answers
    time.sleep(0.01)
    with held_by_other_workers(slotted, [time.monotonic()]):  # sent after that answer
        time.sleep(HUNG_AFTER)
        result, seconds = search(client)  # a slot is free, yet the node looks hung
    assert result.degraded
    assert seconds < 1.0
    assert CIRCUIT.state == Circuit.CLOSED  # nothing was sent, nothing proven


def test_a_cold_request_is_not_held_against_the_node(slotted, story, client):
    with held_by_other_workers(slotted, [time.monotonic() - 5], cold=True):
        result, _seconds = search(client)
    assert not result.degraded


def test_a_search_waits_for_workers_first_requests_rather_than_fall_back(slotted, story, client):
    taken = threading.Event()

    def first_requests_of_other_workers():
        with held_by_other_workers(slotted, [time.monotonic()] * SLOTS, cold=True):
            taken.set()
            time.sleep(0.4)  # a cold start is slow

    others = threading.Thread(target=first_requests_of_other_workers)
    others.start()
    try:
        taken.wait(5)
        result, _seconds = search(client)
    finally:
        others.join()
    assert not result.degraded


def test_an_answer_since_a_slow_request_began_proves_the_node_alive(slotted, story, client):
    with held_by_other_workers(slotted, [time.monotonic() - 5]):
        search_now = time.monotonic()
        CIRCUIT.record_success()  # another worker got an answer meanwhile
        assert CIRCUIT.last_answer >= search_now
        result, _seconds = search(client)
    assert not result.degraded


def test_once_a_slot_is_free_searches_go_to_elasticsearch_again(slotted, story, client):
    with held_by_other_workers(slotted, [time.monotonic()] * SLOTS):
        assert search(client)[0].degraded
    assert not search(client)[0].degraded


def test_writes_to_the_index_never_wait_for_a_reader_slot(slotted, section, refresh, client):
    with held_by_other_workers(slotted, [time.monotonic()] * SLOTS):
        published_story(section, {"vi": ("Trà xanh", "Nội dung."), "en": ("Green tea", "Text.")})
        refresh()
    result, _seconds = search(client, "green tea")
    assert not result.degraded
    assert len(result.hits) == 1


def test_an_article_does_not_wait_for_a_slot_for_its_related_stories(slotted, story, client):
    with override("en"):
        url = story.get_url()
    with held_by_other_workers(slotted, [time.monotonic()] * SLOTS):
        started = time.monotonic()
        response = client.get(url)
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0


# A reader's search waits less for a warm node than indexing does (reader_timeout).

READ_TIMEOUT = 3.0
READER_TIMEOUT = 0.3


@pytest.fixture
def slow_link(settings, search_index, search_node, story):
    """The node behind a proxy that may hold its answers; searches wait reader_timeout."""
    with LatencyProxy(search_node, latency=0.0) as proxy:
        settings.NEWSROOM_SEARCH = {
            **settings.NEWSROOM_SEARCH,
            "url": proxy.url,  # a client of its own: its first request is a cold one
            "timeout": READ_TIMEOUT,
            "reader_timeout": READER_TIMEOUT,
            "failure_threshold": 3,
        }
        yield proxy


def test_a_warm_search_gives_up_on_a_hung_node_at_the_reader_timeout(slow_link, story, client):
    assert not search(client)[0].degraded  # the node answers: the client is warm
    slow_link.latency = READ_TIMEOUT  # the node hangs

    result, seconds = search(client)

    assert result.degraded
    assert [hit.page_id for hit in result.hits] == [story.pk]  # the database found it
    assert READER_TIMEOUT <= seconds < READ_TIMEOUT / 2
    assert CIRCUIT.failures == 1  # its own deadline passed: it counts against the node


def test_a_workers_first_search_waits_the_full_read_timeout(slow_link, story, client):
    slow_link.latency = READER_TIMEOUT * 2  # a cold start on a busy machine

    result, seconds = search(client)

    assert not result.degraded
    assert seconds >= READER_TIMEOUT * 2
    assert CIRCUIT.failures == 0


def test_an_article_waits_no_longer_for_related_stories_than_a_search(
    slow_link, settings, story, client
):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "related_timeout": READ_TIMEOUT}
    with override("en"):
        url = story.get_url()
    slow_link.latency = READ_TIMEOUT  # the node hangs

    started = time.monotonic()
    response = client.get(url)

    assert response.status_code == 200
    assert time.monotonic() - started < READ_TIMEOUT / 2
    assert CIRCUIT.failures == 0  # a page's time box proves nothing against the node


def test_a_node_slowed_but_answering_is_waited_for_at_its_pace(slow_link, story, client):
    slow_link.latency = READER_TIMEOUT * 1.5  # a machine busy indexing, or just started
    assert not search(client)[0].degraded  # the first search waits the read timeout

    for _search in range(3):
        result, seconds = search(client)
        assert not result.degraded  # answered, not handed to the database
        assert seconds >= READER_TIMEOUT * 1.5
    assert CIRCUIT.failures == 0


@pytest.mark.parametrize(
    ("answered", "deadline"),
    [
        ([], READ_TIMEOUT),  # nothing known yet: the read timeout
        ([0.02] * 20, READER_TIMEOUT),  # a quiet machine: the reader timeout
        ([0.02] * 19 + [2.0], READER_TIMEOUT),  # one stray pause moves nothing
        ([0.02] * 18 + [0.2, 0.25], 0.8),  # four times the second slowest
        ([0.9, 0.9], READ_TIMEOUT),  # never past the read timeout
    ],
)
def test_a_readers_deadline_follows_the_recent_pace(answered, deadline):
    pace = ReaderPace()
    for seconds in answered:
        pace.answered(seconds)

    assert pace.deadline(READER_TIMEOUT, READ_TIMEOUT) == pytest.approx(deadline)


def test_writes_to_the_index_keep_their_own_timeout(slow_link, section, refresh, client):
    assert not search(client)[0].degraded
    slow_link.latency = READER_TIMEOUT * 2
    published_story(section, {"vi": ("Trà xanh", "Nội dung."), "en": ("Green tea", "Text.")})
    refresh()  # the outbox's writes wait longer than a reader would
    slow_link.latency = 0.0

    result, _seconds = search(client, "green tea")
    assert not result.degraded
    assert len(result.hits) == 1


@pytest.mark.parametrize(
    ("waits", "expected"),
    [
        ({"timeout": 1.0, "reader_timeout": 0.3, "hung_after": 0.15}, []),
        ({"timeout": 1.0, "reader_timeout": 2.0, "hung_after": 0.15}, ["search.W005"]),
        ({"timeout": 1.0, "reader_timeout": 0.3, "hung_after": 0.5}, ["search.W006"]),
        ({"timeout": 0.4, "reader_timeout": None, "hung_after": 0.5}, ["search.W006"]),
    ],
)
def test_an_operator_is_told_when_the_reader_waits_defeat_each_other(settings, waits, expected):
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": "http://10.0.0.11:9200",
        "reader_slots": 2,
        **waits,
    }
    assert [message.id for message in reader_waits_are_consistent(None)] == expected


def test_threads_of_one_process_take_slots_of_their_own(tmp_path):
    limit = InFlightLimit()
    limit.configure(1, wait=0.05, hung_after=5.0, shared_file=str(tmp_path / "circuit"))
    with (
        limit.held(time.monotonic, 0.05, cold=False, cold_wait=1.0),
        pytest.raises(NodeBusy),
        limit.held(time.monotonic, 0.05, cold=False, cold_wait=1.0),
    ):
        pass
    with limit.held(time.monotonic, 0.05, cold=False, cold_wait=1.0):
        pass


def test_a_slot_of_a_worker_that_died_is_free(tmp_path):
    circuit_file = str(tmp_path / "circuit")
    with held_by_other_workers(circuit_file, [time.monotonic() - 60]):
        pass  # its descriptor closed, as a killed worker's are; its record stays
    limit = InFlightLimit()
    limit.configure(1, wait=0.0, hung_after=0.5, shared_file=circuit_file)
    with limit.held(lambda: 0.0, 0.0, cold=False, cold_wait=1.0):
        pass


def test_without_slots_there_is_no_limit():
    limit = InFlightLimit()
    limit.configure(0, wait=0.0, hung_after=0.5)
    with (
        limit.held(time.monotonic, 0.05, cold=False, cold_wait=1.0),
        limit.held(time.monotonic, 0.05, cold=False, cold_wait=1.0),
    ):
        pass
