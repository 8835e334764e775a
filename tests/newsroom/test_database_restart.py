"""Drill: PostgreSQL restarts under the site as production runs it, and under its worker.

Gunicorn with the production settings (persistent connections, checked before use) and
``manage.py newsroom_worker`` run against the test database. Every web worker holds a
connection when ``NEWSROOM_PG_RESTART`` (a shell command, say ``pg_ctlcluster 15 main
restart``) restarts the cluster; the first request each worker serves afterwards must succeed,
and the worker must still take changes. Without the variable the drill skips (fails under CI).
"""

import os
import subprocess
import threading
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


@pytest.fixture
def restart_command(postgresql):
    command = os.environ.get("NEWSROOM_PG_RESTART", "")
    require_service(
        bool(command), "NEWSROOM_PG_RESTART is not set: no command to restart PostgreSQL"
    )
    return command


class Reader(threading.Thread):
    """Reads one page over and over, one request at a time, until stopped."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.statuses: list[int] = []
        self.reading = True

    def run(self) -> None:
        while self.reading:
            try:
                with urllib.request.urlopen(self.url, timeout=30) as response:
                    self.statuses.append(response.status)
            except urllib.error.HTTPError as error:
                self.statuses.append(error.code)

    def stop(self) -> None:
        self.reading = False
        self.join(timeout=35)


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
    postgresql, restart_command, section, settings, production_redis, tmp_path
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
        REDIS_URL=production_redis,
    )
    manage(env, "collectstatic", "--noinput")
    worker = start_manage(
        env, "newsroom_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload"
    )
    try:
        worker_takes(9301)
        started = time.monotonic()  # the web workers may connect from their first request
        with gunicorn(env, workers=WORKERS, log=tmp_path / "gunicorn.log") as server:
            database_port = int(connection.settings_dict["PORT"] or 5432)
            pids = set(server.worker_pids())
            assert len(pids) == WORKERS

            # Warm up: every worker answers each page, and keeps its database connection.
            for path in paths:
                answers = server.get_from_every_worker(path)
                assert {pid: a.status for pid, a in answers.items()} == dict.fromkeys(pids, 200)
            assert server.workers_connected_to(database_port) == pids, "a worker never connected"

            # A reader keeps reading while the cluster restarts: only what was in flight fails.
            reader = Reader(server.url + story_path)
            reader.start()
            restart_postgresql(restart_command)
            wait_for(database_answers, timeout=60, what="PostgreSQL to accept connections")
            reader.stop()
            assert len(reader.statuses) > 1, reader.statuses
            failed = [status for status in reader.statuses if status != 200]
            assert len(failed) <= 1, f"{len(failed)} of {len(reader.statuses)} reads failed"

            # Every worker's first request after the restart, and all the others, succeed.
            for path in paths:
                answers = server.get_from_every_worker(path)
                log = server.log.read_text(errors="replace")
                statuses = {pid: a.status for pid, a in answers.items()}
                assert statuses == dict.fromkeys(pids, 200), f"{path}: {statuses}\n{log}"
                if path == search_path:
                    assert all("Sustainable exports conference" in a.body for a in answers.values())
            elapsed = time.monotonic() - started
            assert set(server.worker_pids()) == pids, "gunicorn replaced a worker"
            assert elapsed < CONN_MAX_AGE, "too slow: the connections had expired anyway"

        assert worker.poll() is None, "the worker exited"
        worker_takes(9302)
        assert worker.poll() is None, "the worker exited"
    finally:
        output = stop(worker)
        connection.close()  # teardown (flush) on a fresh connection
    # The worker met the restart: it waited for a connection, or resumed after an error.
    met = ("PostgreSQL refused a connection, trying again", "Database error, resuming")
    assert any(line in output for line in met), output
