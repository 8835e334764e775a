"""One circuit per machine: the gunicorn workers of a machine share its state through a file."""

import multiprocessing
import time

import pytest

from search.index.client import Circuit, FileStore


@pytest.fixture
def circuit_file(tmp_path):
    return str(tmp_path / "search.circuit")


def shared(path, threshold=3):
    return Circuit(threshold=threshold, cooldown=10.0, store=FileStore(path))


def test_failures_in_different_workers_add_up_and_open_it_for_all(circuit_file):
    first, second, third = (shared(circuit_file) for _ in range(3))
    first.record_failure()
    second.record_failure()
    assert third.state == Circuit.CLOSED
    third.record_failure()
    assert first.is_refusing() and second.is_refusing() and not third.allow()


def test_one_success_anywhere_closes_it_everywhere(circuit_file):
    one, other = shared(circuit_file), shared(circuit_file)
    one.record_failure()
    one.record_failure()
    other.record_success()
    one.record_failure()
    assert one.state == Circuit.CLOSED and other.failures == 1


def test_only_one_worker_probes_after_the_cooldown(circuit_file):
    now = [time.monotonic()]
    workers = [
        Circuit(threshold=1, cooldown=10.0, clock=lambda: now[0], store=FileStore(circuit_file))
        for _ in range(4)
    ]
    workers[0].record_failure()
    now[0] += 10.1
    assert [worker.allow() for worker in workers] == [True, False, False, False]


def _fail(path):
    shared(path, threshold=2).record_failure()


def test_forked_processes_share_it(circuit_file):
    parent = shared(circuit_file, threshold=2)
    assert parent.state == Circuit.CLOSED  # the file is open before the fork, as in gunicorn
    context = multiprocessing.get_context("fork")
    for _ in range(2):
        child = context.Process(target=_fail, args=(circuit_file,))
        child.start()
        child.join(10)
        assert child.exitcode == 0
    assert parent.is_refusing()


def test_a_state_from_before_a_restart_is_forgotten(circuit_file):
    before_restart = Circuit(
        threshold=1,
        cooldown=10.0,
        clock=lambda: time.monotonic() + 3600,
        store=FileStore(circuit_file),
    )
    before_restart.record_failure()
    assert before_restart.is_refusing()
    assert not shared(circuit_file).is_refusing()


def test_a_damaged_file_reads_as_closed(circuit_file):
    with open(circuit_file, "wb") as damaged:
        damaged.write(b"\xff" * 64)
    assert shared(circuit_file).allow()


def test_two_timeouts_side_by_side_open_it_at_once(circuit_file):
    first, second = shared(circuit_file), shared(circuit_file)
    sent = time.monotonic()
    first.record_failure(timed_out_since=sent)
    assert second.state == Circuit.CLOSED
    second.record_failure(timed_out_since=sent)  # it waited while the first timed out
    assert first.is_refusing()


def test_timeouts_one_after_the_other_need_the_threshold(circuit_file):
    circuit = shared(circuit_file)
    for _ in range(2):
        circuit.record_failure(timed_out_since=time.monotonic())
        assert circuit.state == Circuit.CLOSED
    circuit.record_failure(timed_out_since=time.monotonic())
    assert circuit.state == Circuit.OPEN


def test_an_answer_meanwhile_shows_a_slow_query_not_a_hung_node(circuit_file):
    first, second = shared(circuit_file), shared(circuit_file)
    sent = time.monotonic()
    first.record_failure(timed_out_since=sent)
    second.record_success()  # another worker got an answer while it waited
    second.record_failure(timed_out_since=sent)
    assert first.state == Circuit.CLOSED
