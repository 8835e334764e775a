"""Drill: PostgreSQL restarts under the site as production runs it, and under its worker.

Gunicorn with the production settings (persistent connections, checked before use) and
``manage.py newsroom_worker`` run against the test database. Every web worker holds a
connection when ``NEWSROOM_PG_RESTART`` (a shell command, say ``pg_ctlcluster 15 main
restart``) restarts the cluster; the first request each worker serves afterwards must succeed,
and the worker must still take changes. Without the variable the drill skips (fails under CI).
"""

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connection
from django.utils import translation

from search.index import record_changes
from search.models import IndexChange
from search.tasks import request_drain
from tests.factories.stories import published_story
from tests.production_server import (
    RunningServer,
    database_url,
    gunicorn,
    manage,
    production_environment,
    start_manage,
    stop,
)
from tests.services import require_service, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

WORKERS = 2
# Production's CONN_MAX_AGE: a connection older than this is replaced anyway, so the drill
# only proves something if the restart and the requests after it come sooner.
CONN_MAX_AGE = 60
# Each request carries a number, and the access log says which worker served it.
TAG = "X-Drill-Request"
ACCESS_LOG = f"--access-logformat 'drill=%({{{TAG.lower()}}}i)s pid=%(p)s status=%(s)s'"
ACCESS_LINE = re.compile(r"^drill=(\d+) pid=<(\d+)> status=(\d+)$", re.MULTILINE)


@pytest.fixture
def restart_command(postgresql):
    command = os.environ.get("NEWSROOM_PG_RESTART", "")
    require_service(
        bool(command), "NEWSROOM_PG_RESTART is not set: no command to restart PostgreSQL"
    )
    return command


class Reader:
    """Sends tagged requests one at a time; learns from the access log who answered each."""

    def __init__(self, server: RunningServer):
        self.server = server
        self.sent = 0

    def get(self, path: str) -> tuple[int, int, str]:
        """The status, the worker's pid and the body of a GET of ``path``."""
        self.sent += 1
        number = self.sent
        request = urllib.request.Request(self.server.url + path, headers={TAG: str(number)})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode(errors="replace")
        served: dict[int, int] = {}

        def logged():
            served.update(self.served_by())
            return number in served

        wait_for(logged, timeout=10, what=f"request {number} in the access log")
        return status, served[number], body

    def served_by(self) -> dict[int, int]:
        text = self.server.log.read_text(errors="replace")
        return {int(number): int(pid) for number, pid, _ in ACCESS_LINE.findall(text)}


def restart_postgresql(command: str) -> None:
    try:
        subprocess.run(  # noqa: S602  a shell command by design: the operator's, from the env
            command,
            shell=True,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as error:
        pytest.fail(f"{command!r} failed ({error.returncode}):\n{error.stdout}{error.stderr}")


def database_answers() -> bool:
    connection.close()  # the restart cut this process's connection too
    try:
        connection.ensure_connection()
    except OperationalError:
        return False
    return True


def worker_takes(page_id: int) -> None:
    """Record a change to ``page_id`` and wait for the worker's drain to attempt it.

    Without a search node the drain cannot index it; it postpones the row with the reason,
    which is what an operator sees in the outbox.
    """
    record_changes([page_id], IndexChange.Reason.DELETED)
    change = IndexChange.objects.get(page_id=page_id)
    request_drain()  # False if a drain is already queued for now: that one takes it
    wait_for(
        lambda: IndexChange.objects.get(pk=change.pk).attempts > 0,
        timeout=30,
        what=f"the worker to drain the change to page {page_id}",
    )
    assert IndexChange.objects.get(pk=change.pk).last_error == "ELASTICSEARCH_URL is not set."


def test_the_site_and_its_worker_outlive_a_postgresql_restart(
    postgresql, restart_command, section, settings, tmp_path
):
    story = published_story(
        section,
        {
            "vi": ("Hội nghị xuất khẩu bền vững", "Có 1.200 doanh nghiệp."),
            "en": ("Sustainable exports conference", "Some 1,200 companies attend."),
        },
    )
    with translation.override("en"):
        story_path = story.get_url()
    search_path = "/en/search/?" + urlencode({"q": "sustainable exports"})
    paths = [story_path, "/en/", search_path]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    env = production_environment(
        database_url(connection.settings_dict),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_CMD_ARGS=ACCESS_LOG,
    )
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    worker = start_manage(
        env, "newsroom_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload"
    )
    try:
        worker_takes(9301)
        started = time.monotonic()  # the web workers may connect from their first request
        with gunicorn(env, workers=WORKERS, log=tmp_path / "gunicorn.log") as server:
            reader = Reader(server)
            database_port = int(connection.settings_dict["PORT"] or 5432)
            pids = set(server.worker_pids())
            assert len(pids) == WORKERS

            # Warm up: every worker answers, and keeps its connection to the database.
            answered = set()
            for round_ in range(20 * WORKERS):
                status, pid, body = reader.get(paths[round_ % len(paths)])
                assert status == 200, body
                answered.add(pid)
                if answered == pids and server.workers_connected_to(database_port) == pids:
                    break
            assert answered == pids, "a worker never answered"
            assert server.workers_connected_to(database_port) == pids, "a worker never connected"

            restart_postgresql(restart_command)
            wait_for(database_answers, timeout=60, what="PostgreSQL to accept connections")

            # Every worker's first request after the restart, and all the others, succeed.
            first: dict[int, tuple[str, int]] = {}
            answers = []
            for round_ in range(30 * WORKERS):
                path = paths[round_ % len(paths)]
                status, pid, body = reader.get(path)
                answers.append((path, status, pid))
                first.setdefault(pid, (path, status))
                if path == search_path and status == 200:
                    assert "Sustainable exports conference" in body
                if round_ + 1 >= 3 * WORKERS and set(first) == pids:
                    break
            elapsed = time.monotonic() - started
            log = server.log.read_text(errors="replace")
            assert set(first) == pids, f"not every worker answered: {answers}\n{log}"
            assert all(status == 200 for _, status in first.values()), f"{first}\n{log}"
            assert all(status == 200 for _, status, _ in answers), f"{answers}\n{log}"
            assert set(server.worker_pids()) == pids, "gunicorn replaced a worker"
            assert elapsed < CONN_MAX_AGE, "too slow: the connections had expired anyway"

        assert worker.poll() is None, "the worker exited"
        worker_takes(9302)
        assert worker.poll() is None, "the worker exited"
    finally:
        output = stop(worker)
        connection.close()  # teardown (flush) on a fresh connection
    assert "Database error, resuming" in output, output
