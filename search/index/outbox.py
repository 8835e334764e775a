"""Filling and draining the index outbox (see ``search.models.IndexChange``).

Whoever records changes has the worker drain them (``search.signal_handlers`` enqueues the
task once the transaction commits); a drain tells syndication through ``outbox_drained``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from search.index.client import UNAVAILABLE_ERRORS, SearchUnavailable, report_failure
from search.index.indexing import sync_pages
from search.index.signals import outbox_drained
from search.models import IndexChange

DRAIN_BATCH = 500


def record_changes(page_ids: Iterable[int], reason: str) -> int:
    """Queue pages for re-indexing, in the caller's transaction; return how many were queued."""
    rows = [IndexChange(page_id=page_id, reason=reason) for page_id in set(page_ids)]
    if rows:
        IndexChange.objects.bulk_create(rows)
    return len(rows)


@dataclass
class DrainResult:
    """How many changes a drain synced, left to retry, or gave up on; and why it waited."""

    synced: int = 0
    retrying: int = 0
    failed: int = 0
    error: str = ""


def drain(limit: int = DRAIN_BATCH) -> DrainResult:
    """Sync the pages of due outbox rows. If Elasticsearch is away, retry later with back-off."""
    now = timezone.now()
    with transaction.atomic():
        entries = list(
            IndexChange.objects.due(now)
            .order_by("created_at")
            .select_for_update(skip_locked=True)[:limit]
        )
        if not entries:
            return DrainResult()
        try:
            result = sync_pages({entry.page_id for entry in entries})
        except SearchUnavailable as error:
            return _postpone(entries, now, str(error))
        except UNAVAILABLE_ERRORS as error:
            return _postpone(entries, now, str(report_failure(error)))

        failed_pages = set(result.failed_page_ids)
        for entry in entries:
            entry.attempts += 1
            if entry.page_id in failed_pages:
                entry.status = IndexChange.Status.FAILED
                entry.last_error = "; ".join(result.errors)[:2000]
            else:
                entry.status = IndexChange.Status.DONE
                entry.done_at = now
        IndexChange.objects.bulk_update(entries, ["attempts", "status", "last_error", "done_at"])
        # Subscribers are told once the index holds the change and the rows say so.
        synced = frozenset({entry.page_id for entry in entries} - failed_pages)
        transaction.on_commit(lambda: outbox_drained.send(sender=IndexChange, page_ids=synced))
    failed = sum(entry.status == IndexChange.Status.FAILED for entry in entries)
    return DrainResult(synced=len(entries) - failed, failed=failed)


def _postpone(entries: list[IndexChange], now: datetime, error: str) -> DrainResult:
    for entry in entries:
        entry.attempts += 1
        entry.last_error = error
        entry.next_attempt_at = now + IndexChange.backoff(entry.attempts)
    IndexChange.objects.bulk_update(entries, ["attempts", "last_error", "next_attempt_at"])
    return DrainResult(retrying=len(entries), error=error)


def drain_all(max_rounds: int = 1000) -> DrainResult:
    """Drain every due row, batch after batch; stop at the first batch that must wait."""
    total = DrainResult()
    for _round in range(max_rounds):
        result = drain()
        total.synced += result.synced
        total.failed += result.failed
        if result.retrying or not (result.synced or result.failed):
            total.retrying, total.error = result.retrying, result.error
            break
    return total


def next_due() -> datetime | None:
    """When the earliest pending row is due (perhaps already), or None if nothing is pending."""
    first: datetime | None = (
        IndexChange.objects.pending()
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return first


def retry_failed() -> int:
    """Put failed rows back in the queue, due now."""
    return IndexChange.objects.failed().update(
        status=IndexChange.Status.PENDING, next_attempt_at=timezone.now()
    )
