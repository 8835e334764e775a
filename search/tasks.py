"""Background tasks of search, run by the django-tasks worker (``manage.py db_worker``).

Tasks call the services of ``search.index`` and ``search.syndication``; the services never
import the tasks. Queued rows name the tasks by path (``search.tasks.drain_index_outbox``):
keep them here.

The outbox rows are the truth; the queue only has to make sure a drain comes. At most one
drain waits in the queue: ``request_drain`` adds one only when none is queued for that time
(a running drain does not count: its worker may be dead), a failing drain asks for exactly one
follow-up when the first row is due again, and ``sweep`` (``manage.py search_drain --sweep``,
every minute) asks for a drain whenever rows are pending and marks drains and announcements
left RUNNING by a killed worker as failed.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from search.index import drain_all, next_due
from search.syndication import (
    HubUnreachable,
    changed_feed_urls,
    notify_hub,
    upcoming_publications,
)
from search.syndication.feeds import websub_hub

logger = logging.getLogger(__name__)

HUB_ATTEMPTS = 5
DRAIN_TASK = "search.tasks.drain_index_outbox"
ANNOUNCE_TASK = "search.tasks.announce_feed_changes"
# A task RUNNING for longer than this lost its worker (kill -9, a crash, a lost database).
# Override with NEWSROOM_TASK_STALE_AFTER (seconds) or `search_drain --sweep --stale-after`.
STALE_AFTER = timedelta(minutes=10)
# pg_advisory_xact_lock key: requests for a drain take turns, so two never both add one.
DRAIN_QUEUE_LOCK = 0x13_0D_2A_17


@task()
def drain_index_outbox() -> dict[str, int]:
    """Drain the outbox; if rows must wait for a retry, come back (once) when the first is due."""
    result = drain_all()
    if drain_index_outbox.get_backend().supports_defer:
        drain_when_due()
    return {"synced": result.synced, "retrying": result.retrying, "failed": result.failed}


def request_drain(at: datetime | None = None) -> bool:
    """Have the worker drain the outbox now (or at ``at``) unless a drain is already queued.

    Return whether a drain was queued or brought forward. With a backend that runs tasks at
    once (tests, development) a drain for now simply runs.
    """
    backend = drain_index_outbox.get_backend()
    now = timezone.now()
    if not isinstance(backend, DatabaseBackend):
        if at is None or at <= now:
            drain_index_outbox.enqueue()
            return True
        if backend.supports_defer:
            drain_index_outbox.using(run_after=at).enqueue()
            return True
        return False
    when = max(at or now, now)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DRAIN_QUEUE_LOCK])
        queued = DBTaskResult.objects.filter(
            task_path=DRAIN_TASK, backend_name=backend.alias, status=TaskResultStatus.READY
        )
        if queued.filter(Q(run_after__lte=when) | Q(run_after=get_date_max())).exists():
            return False
        later = queued.order_by("run_after").values_list("pk", flat=True).first()
        if later is not None and queued.filter(pk=later).update(run_after=when):
            return True  # the queued drain comes earlier instead of a second one
        if at is None:
            drain_index_outbox.enqueue()
        else:
            drain_index_outbox.using(run_after=when).enqueue()
    return True


def drain_when_due() -> bool:
    """Make sure a drain is queued for the first pending row's due time; say if one was added."""
    due = next_due()
    if due is None:
        return False
    return request_drain(due if due > timezone.now() else None)


@dataclass
class SweepResult:
    """What a sweep did: task rows of dead workers recovered, whether a drain was queued."""

    recovered: int = 0
    drain_queued: bool = False


def stale_after() -> timedelta:
    seconds = getattr(settings, "NEWSROOM_TASK_STALE_AFTER", None)
    return STALE_AFTER if seconds is None else timedelta(seconds=seconds)


def recover_stale_tasks(older_than: timedelta | None = None) -> int:
    """Mark drains and announcements RUNNING since before the threshold as failed.

    Their worker is gone: a drain's outbox rows were never marked done (its transaction died
    with it) and are drained again by the next drain; an announcement is queued once more.
    """
    backend = drain_index_outbox.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return 0
    now = timezone.now()
    cutoff = now - (stale_after() if older_than is None else older_than)
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.filter(
                task_path__in=[DRAIN_TASK, ANNOUNCE_TASK],
                backend_name=backend.alias,
                status=TaskResultStatus.RUNNING,
                started_at__lte=cutoff,
            ).select_for_update(skip_locked=True)
        )
        for row in stale:
            row.status = TaskResultStatus.FAILED
            row.finished_at = now
            row.exception_class_path = "search.tasks.WorkerLost"
            row.traceback = f"Still running at {now.isoformat()}: its worker was lost."
            row.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            if row.task_path == ANNOUNCE_TASK:
                _announce_again(row.args_kwargs)
    for row in stale:
        logger.warning("Task %s (%s) lost its worker: marked failed.", row.pk, row.task_path)
    return len(stale)


def _announce_again(args_kwargs: dict[str, Any]) -> None:
    args, kwargs = list(args_kwargs.get("args", [])), dict(args_kwargs.get("kwargs", {}))
    page_ids = args[0] if args else kwargs.get("page_ids", [])
    attempt = args[1] if len(args) > 1 else kwargs.get("attempt", 1)
    if page_ids and attempt < HUB_ATTEMPTS:
        announce_feed_changes.enqueue(page_ids, attempt + 1)


def sweep(older_than: timedelta | None = None) -> SweepResult:
    """Run every minute: recover tasks of dead workers, and queue a drain if rows are pending."""
    recovered = recover_stale_tasks(older_than)
    return SweepResult(recovered=recovered, drain_queued=drain_when_due())


@task()
def announce_feed_changes(page_ids: list[int], attempt: int = 1) -> dict[str, int | str]:
    """Tell the WebSub hub which feeds these stories changed; retry later if it is away."""
    hub = websub_hub()
    if not hub:
        return {"announced": 0}
    urls = changed_feed_urls(page_ids)
    try:
        notify_hub(hub, urls)
    except HubUnreachable as error:
        logger.warning(
            "WebSub hub not told of %d feeds (attempt %d): %s", len(urls), attempt, error
        )
        backend = announce_feed_changes.get_backend()
        if attempt < HUB_ATTEMPTS and backend.supports_defer:
            retry_at = timezone.now() + timedelta(minutes=2**attempt)
            announce_feed_changes.using(run_after=retry_at).enqueue(page_ids, attempt + 1)
        return {"announced": 0, "error": str(error)}
    return {"announced": len(urls)}


def announce_stories(page_ids: Iterable[int]) -> None:
    """Have the worker tell the hub about these stories now and when their embargoes lift."""
    if not websub_hub():
        return
    stories = sorted(set(page_ids))
    if not stories:
        return
    announce_feed_changes.enqueue(stories)
    if announce_feed_changes.get_backend().supports_defer:
        for moment, lifting in upcoming_publications(stories).items():
            announce_feed_changes.using(run_after=moment).enqueue(lifting)
    else:
        logger.info("The task backend cannot defer: embargo lifts are not announced to the hub.")
