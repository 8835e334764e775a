"""Drills on PostgreSQL with real worker processes: kill -9 mid-drain, connections cut.

Each test starts ``manage.py newsroom_worker`` against the test database (committed data:
transactional tests) and bounds every wait.
"""

import os
import signal
import socket
import subprocess
import time

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search.index import record_changes
from search.models import IndexChange
from search.tasks import DRAIN_TASK, request_drain
from tests.production_server import ROOT, database_url, start_manage, stop
from tests.services import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def manage(*args, search_url="", index_prefix="test-newsroom", timeout=2.0):
    """Start a manage.py command as its own process, on the test database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.search.worker_settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
        "NEWSROOM_TEST_SEARCH_URL": search_url,
        "NEWSROOM_TEST_INDEX_PREFIX": index_prefix,
        "NEWSROOM_TEST_SEARCH_TIMEOUT": str(timeout),
    }
    return start_manage(env, *args)


def finish(process, timeout=60):
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"process did not finish:\n{output}")
    return output


@pytest.fixture
def hung_node():
    """A node that accepts connections and never answers: a drain hangs in it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def outbox_rows_locked():
    """Whether a drain holds the pending rows (it selected them FOR UPDATE)."""
    from django.db import transaction

    with transaction.atomic():
        return not IndexChange.objects.pending().select_for_update(skip_locked=True).exists()


def test_a_worker_killed_mid_drain_strands_nothing(
    postgresql, database_queue, search_node, search_index, hung_node
):
    record_changes([9001, 9002, 9003], IndexChange.Reason.DELETED)
    assert request_drain()

    worker = manage(
        "newsroom_worker",
        "--no-startup-delay",
        "--interval",
        "0.1",
        "--no-reload",
        search_url=hung_node,
        timeout=60,
    )
    try:
        wait_for(
            lambda: DBTaskResult.objects.filter(
                task_path=DRAIN_TASK, status=TaskResultStatus.RUNNING
            ).exists(),
            what="the worker to pick the drain",
        )
        wait_for(outbox_rows_locked, what="the drain to hold the outbox rows")
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.communicate(timeout=30)

    # The dead worker's drain stays RUNNING, its rows pending; no drain is queued.
    wait_for(lambda: not outbox_rows_locked(), what="PostgreSQL to end the dead transaction")
    assert IndexChange.objects.pending().count() == 3
    assert DBTaskResult.objects.get(task_path=DRAIN_TASK).status == TaskResultStatus.RUNNING

    sweep = manage("search_drain", "--sweep", "--stale-after", "0")
    output = finish(sweep)
    assert sweep.returncode == 0, output
    assert "1 lost tasks recovered; a drain queued." in output

    second = manage(
        "newsroom_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        search_url=search_node,
        index_prefix=search_index,
    )
    output = finish(second)
    assert second.returncode == 0, output
    assert not IndexChange.objects.pending().exists(), output
    assert IndexChange.objects.filter(status=IndexChange.Status.DONE).count() == 3
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]


def test_the_worker_outlives_its_database_connections_being_cut(
    postgresql, database_queue, search_node, search_index
):
    """What a PostgreSQL restart does to a worker: connections cut, refused for a while."""
    worker = manage(
        "newsroom_worker",
        "--no-startup-delay",
        "--interval",
        "0.1",
        "--no-reload",
        search_url=search_node,
        index_prefix=search_index,
    )
    name = connection.settings_dict["NAME"]
    try:
        record_changes([9101], IndexChange.Reason.DELETED)
        request_drain()
        wait_for(lambda: not IndexChange.objects.pending().exists(), what="the first drain")

        connection.ensure_connection()
        own = connection.connection.info.backend_pid
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> %s",
                [name, own],
            )
        time.sleep(3)  # the worker polls, fails to connect, and waits
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        assert worker.poll() is None, "the worker exited on a database error"

        record_changes([9102], IndexChange.Reason.DELETED)
        request_drain()
        wait_for(
            lambda: not IndexChange.objects.pending().exists(),
            timeout=60,
            what="a drain after the database came back",
        )
        assert worker.poll() is None
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        output = stop(worker)
    assert "Database error, resuming" in output, output
