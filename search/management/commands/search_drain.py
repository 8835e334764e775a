"""Drain the index outbox now (the worker does it in the background); --retry-failed first."""

from django.core.management.base import BaseCommand

from search.index import drain_all, retry_failed


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true")

    def handle(self, *args, **options):
        if options["retry_failed"]:
            self.stdout.write(f"{retry_failed()} failed changes queued again.")
        result = drain_all()
        self.stdout.write(
            f"{result.synced} synced, {result.failed} failed, {result.retrying} waiting to retry"
            + (f" ({result.error})" if result.error else "")
        )
