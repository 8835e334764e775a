"""``manage.py reach_fold``: queue the fold of buffered counts (``--now``: fold here).

``--rebuild-rollups 2026-11`` recomputes a month's rollups and monthly rows from the daily
counts, and every story's reads since publication.
"""

from django.core.management.base import BaseCommand, CommandError

from reach import rollups
from reach.folding import fold
from reach.period import Period
from reach.tasks import fold_reach


class Command(BaseCommand):
    help = "Queue the fold of the reach buffer into daily counts; --now folds in this process."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Fold here instead of queueing.")
        parser.add_argument(
            "--rebuild-rollups",
            metavar="YYYY-MM",
            help="Recompute a month's rollups, monthly rows and the stories' totals from the "
            "daily counts (after a load or a repair).",
        )

    def handle(self, *args, now=False, rebuild_rollups=None, **options):
        if rebuild_rollups:
            try:
                month = Period.of_month(rebuild_rollups)
            except ValueError as error:
                raise CommandError("--rebuild-rollups takes a month as YYYY-MM.") from error
            rollups.rebuild(month.start, month.end)
            self.stdout.write(f"Rebuilt the rollups of {month}.")
        elif now:
            self.stdout.write(f"Folded {fold()} minute(s) of counts.")
        else:
            fold_reach.enqueue()
