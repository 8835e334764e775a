"""Report the cluster's health and drift between database and index; --repair mends drift."""

from django.core.management.base import BaseCommand, CommandError

from search.index import SearchUnavailable, cluster_health, find_drift, sync_pages


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Re-sync every drifted page.")

    def handle(self, *args, repair=False, **options):
        try:
            health = cluster_health()
        except SearchUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(health.summary())
        for warning in health.warnings():
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if not health.is_searchable():
            raise CommandError(
                "The cluster is red: some shards have no active copy, so searches miss stories."
            )
        try:
            drift = find_drift()
        except SearchUnavailable as error:
            raise CommandError(str(error)) from error
        for language in drift.missing:
            missing, extra, stale = (
                len(drift.missing[language]),
                len(drift.extra[language]),
                len(drift.stale[language]),
            )
            line = f"{language}: {missing} missing, {extra} extra, {stale} stale"
            self.stdout.write(line if missing + extra + stale else f"{language}: in sync")
        if drift.is_clean():
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
            return
        if not repair:
            raise CommandError("The index has drifted from the database: run with --repair.")
        result = sync_pages(drift.page_ids())
        if result.errors:
            raise CommandError("; ".join(result.errors))
        self.stdout.write(self.style.SUCCESS(f"Repaired {len(drift.page_ids())} pages."))
