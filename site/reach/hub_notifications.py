"""WebSub pings sent and acknowledged per day, read from the worker's own task results."""

from datetime import date, timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reach.models import HubNotifications

ANNOUNCE_TASK = "search.tasks.announce_feed_changes"


def count_hub_notifications(days: int = 3) -> None:
    """The last days' WebSub pings, from what the worker's announce tasks returned.

    Each attempt returns ``{"announced": n}`` once the hub acknowledged n feeds, and
    ``{"announced": 0, "error": ...}`` when it did not: recounted whole, never added to.
    """
    since = timezone.localdate() - timedelta(days=days - 1)
    per_day: dict[date, list[int]] = {}
    results = DBTaskResult.objects.filter(
        task_path=ANNOUNCE_TASK,
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__date__gte=since,
    ).values_list("finished_at", "return_value")
    for finished_at, value in results:
        value = value if isinstance(value, dict) else {}
        announced = int(value.get("announced") or 0)
        if not announced and "error" not in value:
            continue  # no hub configured: nothing was sent
        totals = per_day.setdefault(timezone.localdate(finished_at), [0, 0, 0])
        totals[0] += 1
        totals[1] += 1 if announced else 0
        totals[2] += announced
    for day, (sent, acknowledged, feeds) in per_day.items():
        HubNotifications.objects.update_or_create(
            day=day, defaults={"sent": sent, "acknowledged": acknowledged, "feeds": feeds}
        )
