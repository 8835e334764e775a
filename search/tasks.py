"""Background tasks of search, run by the django-tasks worker (``manage.py db_worker``).

Tasks call the services of ``search.index`` and ``search.syndication``; the services never
import the tasks. Queued rows name the tasks by path (``search.tasks.drain_index_outbox``):
keep them here.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from search.index import drain_all
from search.models import IndexChange
from search.syndication import (
    HubUnreachable,
    changed_feed_urls,
    notify_hub,
    upcoming_publications,
)
from search.syndication.feeds import websub_hub

logger = logging.getLogger(__name__)

HUB_ATTEMPTS = 5


@task()
def drain_index_outbox() -> dict[str, int]:
    """Drain the outbox; if rows must wait for a retry, come back when the first is due."""
    result = drain_all()
    next_due = (
        IndexChange.objects.pending()
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    backend = drain_index_outbox.get_backend()
    if next_due is not None and backend.supports_defer:
        drain_index_outbox.using(run_after=max(next_due, timezone.now())).enqueue()
    return {"synced": result.synced, "retrying": result.retrying, "failed": result.failed}


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
