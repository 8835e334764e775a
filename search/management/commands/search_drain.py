"""Drain the index outbox now (the worker does it in the background); --retry-failed first.

``--sweep`` drains nothing itself: run every minute (the scheduler's timer, ``make worker``),
it marks drains left RUNNING by a dead worker as failed and queues a drain for the worker if
outbox rows are pending and none is queued, so no change waits on a task that will never come.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from search.index import drain_all, retry_failed
from search.tasks import sweep


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true")
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="Recover tasks of dead workers and queue a drain if changes are pending.",
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            metavar="SECONDS",
            help="With --sweep: a task running longer than this lost its worker "
            "(default: NEWSROOM_TASK_STALE_AFTER, or 600).",
        )

    def handle(self, *args, **options):
        if options["retry_failed"]:
            self.stdout.write(f"{retry_failed()} failed changes queued again.")
        if options["sweep"]:
            stale = options["stale_after"]
            result = sweep(None if stale is None else timedelta(seconds=stale))
            self.stdout.write(
                f"{result.recovered} lost tasks recovered; "
                + ("a drain queued." if result.drain_queued else "no drain needed.")
            )
            return
        result = drain_all()
        self.stdout.write(
            f"{result.synced} synced, {result.failed} failed, {result.retrying} waiting to retry"
            + (f" ({result.error})" if result.error else "")
        )
