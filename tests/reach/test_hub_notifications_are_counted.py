"""WebSub pings sent and acknowledged per day, read from the worker's own results."""

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from reach.hub_notifications import count_hub_notifications
from reach.models import HubNotifications
from search.tasks import announce_feed_changes
from tests.reach.conftest import at_noon
from tests.search.feeds.test_websub import Hub


@pytest.fixture(autouse=True)
def midday():
    """The day's count is read on the day it was made."""
    with at_noon(tick=True):
        yield


def run_queued_tasks():
    """What ``db_worker`` does with each queued task, without closing the test's connection."""
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="reach-test", excluded_queue_names=[],
    )  # fmt: skip
    for result in DBTaskResult.objects.ready().filter(worker_ids=[]):
        result.claim(worker.worker_id)
        worker.run_task(result)


def test_pings_the_hub_acknowledged_or_refused_are_counted_once_a_day(
    story, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    accepting, refusing = Hub(status=204), Hub(status=503)
    try:
        settings.NEWSROOM_FEEDS = {**settings.NEWSROOM_FEEDS, "websub_hub": accepting.url}
        announce_feed_changes.enqueue([story.pk])
        run_queued_tasks()
        settings.NEWSROOM_FEEDS = {**settings.NEWSROOM_FEEDS, "websub_hub": refusing.url}
        announce_feed_changes.enqueue([story.pk], 5)  # the last attempt: no retry queued
        run_queued_tasks()
    finally:
        accepting.close()
        refusing.close()

    count_hub_notifications()
    count_hub_notifications()  # recounted, never added to

    today = HubNotifications.objects.get(day=timezone.localdate())
    assert (today.sent, today.acknowledged) == (2, 1)
    assert today.feeds == len(accepting.topics())
