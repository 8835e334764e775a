"""The outbox cannot strand a change: one drain in the queue at a time, and a sweep for the rest.

These tests queue tasks in the database (django-tasks-db), as production does, and run them
with its worker's loop in this process.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from newsroom.management.commands import newsroom_worker
from search.index import record_changes, reset_circuit
from search.models import IndexChange
from search.signal_handlers import record_and_drain
from search.tasks import ANNOUNCE_TASK, DRAIN_TASK, request_drain, sweep

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:1"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings, monkeypatch):
    """Tasks wait in the database for a worker, as in production.

    The worker runs in this test's transaction: it must not close the connection between
    tasks, as it does with connections left outside autocommit.
    """
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def node_down(settings):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": UNREACHABLE}
    reset_circuit()
    yield
    reset_circuit()


def run_worker():
    """Run every task that is due, as ``db_worker --batch`` would, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=50,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def drains(**filters):
    return DBTaskResult.objects.filter(task_path=DRAIN_TASK, **filters)


def queued_drains():
    return drains(status=TaskResultStatus.READY)


def test_many_changes_while_the_node_is_down_queue_a_handful_of_drains(
    database_queue, node_down, django_capture_on_commit_callbacks
):
    runs = 0
    for page_id in range(1, 26):
        with django_capture_on_commit_callbacks(execute=True):
            record_and_drain([page_id], IndexChange.Reason.PUBLISHED)
        assert queued_drains().count() == 1
        if page_id % 5 == 0:
            run_worker()
            runs += 1
            # The failed drain asked for exactly one follow-up, when the first row is due.
            (follow_up,) = queued_drains()
            first_due = IndexChange.objects.pending().order_by("next_attempt_at").first()
            assert follow_up.run_after == first_due.next_attempt_at
            assert follow_up.run_after > timezone.now()

    assert IndexChange.objects.pending().count() == 25
    # One drain per worker run and the first one: not one per change, nor one per failure.
    assert drains().count() <= runs + 1
    assert drains(status=TaskResultStatus.FAILED).count() == 0

    # Time passes with the node still down: each run backs off and leaves one follow-up.
    for minutes in (1, 3, 7):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            run_worker()
        assert queued_drains().count() == 1
    assert drains().count() <= runs + 4


def test_a_burst_of_changes_queues_one_drain(database_queue, django_capture_on_commit_callbacks):
    for page_id in range(1, 26):
        with django_capture_on_commit_callbacks(execute=True):
            record_and_drain([page_id], IndexChange.Reason.PUBLISHED)
    assert drains().count() == 1


def test_a_drain_due_later_is_brought_forward_rather_than_doubled(database_queue):
    later = timezone.now() + timedelta(minutes=5)
    assert request_drain(later)
    assert not request_drain(later + timedelta(minutes=1))
    assert request_drain()
    (drain,) = queued_drains()
    assert drain.run_after <= timezone.now()
    assert not request_drain()


def test_a_running_drain_does_not_stop_a_new_one_from_being_queued(database_queue):
    """Its worker may be dead, or past its last look at the outbox."""
    running_drain(started=timezone.now())
    assert request_drain()
    assert queued_drains().count() == 1


def running_drain(started, task_path=DRAIN_TASK, args=()):
    return DBTaskResult.objects.create(
        task_path=task_path,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=started,
        run_after=started,
        args_kwargs={"args": list(args), "kwargs": {}},
        worker_ids=["killed-worker"],
    )


def test_the_sweep_recovers_a_drain_whose_worker_was_killed_and_queues_another(
    database_queue, search_index
):
    lost = running_drain(started=timezone.now() - timedelta(minutes=20))
    record_changes([101, 102], IndexChange.Reason.DELETED)  # its rows, never marked done

    result = sweep()

    assert result.recovered == 1
    assert result.drain_queued
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.finished_at is not None
    assert "worker was lost" in lost.traceback
    run_worker()
    assert not IndexChange.objects.pending().exists()
    assert IndexChange.objects.filter(status=IndexChange.Status.DONE).count() == 2
    assert not queued_drains().exists()


def test_the_sweep_leaves_a_recent_running_drain_alone_but_still_queues_one(database_queue):
    running = running_drain(started=timezone.now() - timedelta(minutes=2))
    record_changes([101], IndexChange.Reason.PUBLISHED)

    result = sweep()

    assert result.recovered == 0
    assert result.drain_queued
    running.refresh_from_db()
    assert running.status == TaskResultStatus.RUNNING
    assert queued_drains().count() == 1
    assert not sweep().drain_queued  # a second sweep finds it queued


def test_the_sweep_threshold_is_configurable(database_queue, settings):
    running_drain(started=timezone.now() - timedelta(minutes=2))
    assert sweep().recovered == 0
    assert sweep(timedelta(seconds=60)).recovered == 1
    running_drain(started=timezone.now() - timedelta(minutes=2))
    settings.NEWSROOM_TASK_STALE_AFTER = 30
    assert sweep().recovered == 1


def test_the_sweep_queues_a_drain_for_when_a_postponed_row_is_due(database_queue):
    record_changes([101], IndexChange.Reason.PUBLISHED)
    due = timezone.now() + timedelta(minutes=3)
    IndexChange.objects.update(next_attempt_at=due)

    assert sweep().drain_queued
    (drain,) = queued_drains()
    assert drain.run_after == due
    assert not sweep().drain_queued


def test_the_sweep_does_nothing_when_the_outbox_is_empty(database_queue):
    assert sweep().drain_queued is False
    assert not DBTaskResult.objects.exists()


def test_a_lost_announcement_is_marked_failed_and_queued_again(database_queue, settings):
    lost = running_drain(
        started=timezone.now() - timedelta(minutes=20), task_path=ANNOUNCE_TASK, args=[[7, 8], 2]
    )
    assert sweep().recovered == 1
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    again = DBTaskResult.objects.get(task_path=ANNOUNCE_TASK, status=TaskResultStatus.READY)
    assert again.args_kwargs["args"] == [[7, 8], 3]


def test_with_the_immediate_backend_the_sweep_drains_at_once(search_index):
    record_changes([101], IndexChange.Reason.DELETED)
    assert sweep().drain_queued
    assert not IndexChange.objects.pending().exists()


def test_the_sweep_command_reports(database_queue):
    record_changes([101], IndexChange.Reason.PUBLISHED)
    running_drain(started=timezone.now() - timedelta(hours=1))
    from io import StringIO

    out = StringIO()
    call_command("search_drain", "--sweep", stdout=out)
    assert out.getvalue().strip() == "1 lost tasks recovered; a drain queued."
    assert queued_drains().count() == 1


def test_the_worker_resumes_after_a_database_error(monkeypatch):
    calls = []

    def run_then_fail(self):
        calls.append("run")
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(Worker, "run", run_then_fail)
    monkeypatch.setattr(newsroom_worker.time, "sleep", lambda seconds: calls.append(seconds))
    monkeypatch.setattr(newsroom_worker.connections, "close_all", lambda: calls.append("closed"))
    worker = newsroom_worker.ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()
    assert calls == ["run", "closed", 1.0, "run"]
