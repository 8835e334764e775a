"""An installation that already counted reads gets its months and totals from its days."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reach import rollups
from reach.models import Referrals, SearchGap, StoryReads
from tests.reach.test_months_and_totals import kept_ready

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("reach", "0003_reads_rollup")]
AFTER = [("reach", "0004_months_and_totals")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_the_migration_keeps_what_a_rebuild_from_the_daily_rows_computes(story):
    migrate(BEFORE)
    try:
        for day, language, reads in [
            (date(2026, 10, 30), "en", 4),
            (date(2026, 11, 2), "en", 3),
            (date(2026, 11, 3), "vi", 5),
        ]:
            StoryReads.objects.create(page=story, language=language, day=day, reads=reads)
            Referrals.objects.create(
                day=day, language=language, kind="social", host="zalo.me", reads=reads
            )
            SearchGap.objects.create(day=day, language=language, query="visa", searches=reads)
    finally:
        migrate(AFTER)
    migrated = kept_ready()

    rollups.rebuild(date(2026, 10, 1), date(2026, 11, 30))

    assert migrated == kept_ready()
    assert (story.pk, "en", 7, date(2026, 10, 30), date(2026, 11, 2)) in migrated["totals"]
