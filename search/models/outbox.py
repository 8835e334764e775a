"""The index outbox: a durable queue of pages whose search documents must be brought up to date.

A publish, unpublish, delete, move or rename writes a row here in the same transaction as
the change itself; the background worker drains the rows into Elasticsearch. A save
therefore never waits on Elasticsearch, and a change made while it is down is not lost.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_BACKOFF = timedelta(minutes=10)


class IndexChangeQuerySet(models.QuerySet):
    """Outbox rows by state: pending, due for an attempt now, failed."""

    def pending(self):
        return self.filter(status=IndexChange.Status.PENDING)

    def due(self, now=None):
        return self.pending().filter(next_attempt_at__lte=now or timezone.now())

    def failed(self):
        return self.filter(status=IndexChange.Status.FAILED)


class IndexChange(models.Model):
    """One page to re-sync: the worker reads the page's current state, whatever the reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Reason(models.TextChoices):
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        DELETED = "deleted", _("Deleted")
        MOVED = "moved", _("Moved or renamed")
        REPAIR = "repair", _("Drift repair")

    # Not a foreign key: the row must outlive a deleted page, to delete its documents.
    page_id = models.PositiveBigIntegerField(_("page id"), db_index=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="index_change_due")]

    def __str__(self):
        return f"page {self.page_id} ({self.reason}, {self.status})"

    @staticmethod
    def backoff(attempts: int) -> timedelta:
        """Wait 2, 4, 8... seconds between attempts, never more than ten minutes."""
        return min(timedelta(seconds=2**attempts), MAX_BACKOFF)
