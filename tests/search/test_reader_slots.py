"""A hung node never holds every web worker: searches beyond the machine's reader slots fall back.

Slots are files locked with ``flock``: another worker of the machine holding one is another
open file here, as a gunicorn worker's is.
"""

import fcntl
import os
import threading
import time
from contextlib import contextmanager

import pytest
from django.utils.translation import override

from search.index.bulkhead import NoReaderSlot, ReaderSlots
from search.index.client import CIRCUIT, Circuit, is_reader_request
from tests.factories.stories import published_story

SLOTS = 2


@contextmanager
def held_by_other_workers(circuit_file: str, count: int = SLOTS):
    """Every slot taken, as gunicorn workers waiting on a hung node hold them."""
    descriptors = [
        os.open(f"{circuit_file}.slot-{number}", os.O_RDWR | os.O_CREAT, 0o600)
        for number in range(count)
    ]
    try:
        for descriptor in descriptors:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
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
        "slot_wait": 0.05,
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
    return response, time.monotonic() - started


def found(response) -> list[int]:
    return [hit.page_id for hit in response.context["result"].hits]


def test_a_search_with_a_free_slot_is_answered_by_elasticsearch(slotted, story, client):
    response, _ = search(client)
    assert response.status_code == 200
    assert not response.context["result"].degraded
    assert found(response) == [story.pk]


def test_with_every_slot_taken_a_search_falls_back_at_once_and_counts_no_failure(
    slotted, story, client
):
    with held_by_other_workers(slotted):
        response, seconds = search(client)

    assert response.status_code == 200
    assert response.context["result"].degraded
    assert found(response) == [story.pk]  # the database found it
    assert seconds < 1.0
    assert CIRCUIT.state == Circuit.CLOSED and CIRCUIT.failures == 0


def test_once_a_slot_is_free_searches_go_to_elasticsearch_again(slotted, story, client):
    with held_by_other_workers(slotted):
        assert search(client)[0].context["result"].degraded
    assert not search(client)[0].context["result"].degraded


def test_writes_to_the_index_never_wait_for_a_reader_slot(slotted, section, refresh, client):
    with held_by_other_workers(slotted):
        published_story(section, {"vi": ("Trà xanh", "Nội dung."), "en": ("Green tea", "Text.")})
        refresh()
    response, _ = search(client, "green tea")
    assert not response.context["result"].degraded
    assert len(found(response)) == 1


def test_an_article_page_does_not_wait_for_a_slot_to_show_related_stories(
    slotted, story, client
):
    with override("en"):
        url = story.get_url()
    with held_by_other_workers(slotted):
        started = time.monotonic()
        response = client.get(url)
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0


def test_threads_of_one_process_share_its_slots():
    slots = ReaderSlots()
    slots.configure(1, wait=0.02)
    taken = threading.Event()
    release = threading.Event()

    def hold():
        with slots.held():
            taken.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    try:
        with pytest.raises(NoReaderSlot), slots.held():
            pass
    finally:
        release.set()
        holder.join(5)
    with slots.held():
        pass


def test_no_slots_configured_means_no_limit():
    slots = ReaderSlots()
    slots.configure(0, wait=0.0)
    with slots.held(), slots.held(), slots.held():
        pass


@pytest.mark.parametrize(
    ("target", "reads"),
    [
        ("/newsroom-en/_search", True),
        ("/newsroom-en/_search?typed_keys=true", True),
        ("/_msearch", True),
        ("/newsroom-en/_count", True),
        ("/_bulk", False),
        ("/newsroom-en-2026/_refresh", False),
        ("/_aliases", False),
        ("/_cluster/health", False),
    ],
)
def test_only_searches_and_counts_take_a_reader_slot(target, reads):
    assert is_reader_request(target) is reads
