"""``manage.py reach_fold``: queue the fold of buffered counts (``--now``: fold here)."""

from django.core.management.base import BaseCommand

from reach.folding import fold
from reach.tasks import fold_reach


class Command(BaseCommand):
    help = "Queue the fold of the reach buffer into daily counts; --now folds in this process."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Fold here instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"Folded {fold()} minute(s) of counts.")
        else:
            fold_reach.enqueue()
