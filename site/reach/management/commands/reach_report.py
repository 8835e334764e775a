"""``manage.py reach_report --period 2026-11 --format csv|md``: the month's reach, every table."""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reach.period import Period
from reach.reports import AREAS


class Command(BaseCommand):
    help = "Print a month's reach, every table of every Reach area, as CSV or Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="The month, as 2026-11.")
        parser.add_argument("--format", choices=["csv", "md"], default="md")
        parser.add_argument("--language", default="en", help="The report's language.")

    def handle(self, *args, period, format, language, **options):
        try:
            month = Period.of_month(period)
        except ValueError as error:
            raise CommandError(f"--period takes a month as YYYY-MM, not {period!r}.") from error
        with translation.override(language):
            tables = [(title, t) for title, tables_of in AREAS.values() for t in tables_of(month)]
            if format == "csv":
                self.write_csv(tables)
            else:
                self.write_markdown(month, tables)

    def write_csv(self, tables):
        writer = csv.writer(self.stdout)
        writer.writerow(["area", "table", "row"])
        for area, table in tables:
            writer.writerow([str(area), str(table.title), *map(str, table.columns)])
            for row in table.rows:
                writer.writerow([str(area), str(table.title), *row])

    def write_markdown(self, month, tables):
        self.stdout.write(f"# Reach {month}\n")
        for area, table in tables:
            self.stdout.write(f"\n## {area}: {table.title}\n")
            if not table.rows:
                self.stdout.write("\n—\n")
                continue
            cells = [[str(c) for c in table.columns]] + [[_cell(v) for v in r] for r in table.rows]
            self.stdout.write("\n| " + " | ".join(cells[0]) + " |")
            self.stdout.write("|" + "---|" * len(cells[0]))
            for row in cells[1:]:
                self.stdout.write("| " + " | ".join(row) + " |")


def _cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")
