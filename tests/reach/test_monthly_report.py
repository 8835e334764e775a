"""``manage.py reach_report``: the month the ministry reports upward, as CSV or Markdown."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from reach import rollups
from reach.models import SearchGap, StoryReads


@pytest.fixture
def november(story):
    StoryReads.objects.create(page=story, language="en", day=date(2026, 11, 3), reads=70)
    StoryReads.objects.create(page=story, language="en", day=date(2026, 11, 30), reads=5)
    StoryReads.objects.create(page=story, language="en", day=date(2026, 12, 1), reads=1000)
    SearchGap.objects.create(
        day=date(2026, 11, 9), language="fr", query="visa | séjour", searches=3
    )
    rollups.rebuild(date(2026, 11, 1), date(2026, 12, 31))  # as the fold keeps them


def report(*args) -> str:
    out = io.StringIO()
    call_command("reach_report", *args, stdout=out)
    return out.getvalue()


def test_the_csv_report_holds_the_months_reads_only(november):
    rows = list(csv.reader(io.StringIO(report("--period", "2026-11", "--format", "csv"))))

    assert ["Overview", "Reads per language", "English", "75"] in rows
    assert ["Overview", "Reads per day", "2026-11-30", "5"] in rows
    assert not any("1000" in row for row in rows)


def test_the_markdown_report_has_a_table_per_view(november):
    text = report("--period", "2026-11", "--format", "md")

    assert text.startswith("# Reach 2026-11-01 – 2026-11-30")
    assert "| English | 75 |" in text
    assert "| Français | visa \\| séjour | 3 |" in text  # a query cannot break the table


@pytest.mark.parametrize("period", ["2026-13", "November", "2026"])
def test_a_period_that_is_not_a_month_is_refused_clearly(db, period):
    with pytest.raises(CommandError, match="YYYY-MM"):
        report("--period", period)
