"""What the fold keeps ready beside the daily counts, so that no view sums every story's days.

- Reads per day and language, in all and per section, topic and lead unit (``rollup_rows``):
  the overview reads them, never the story reads.
- The monthly twins of story reads, referrals and search gaps (``MONTHLY_TWINS``): a long
  period sums its whole months from them, and only its loose days from the daily rows.
- Each story's reads since publication in each language (``StoryTotal``), with the first and
  last day read: the top stories are looked for among them (``queries.top_stories``).

``rebuild`` recomputes all of them for a period from the daily rows, after a bulk load or a
repair (``manage.py reach_fold --rebuild-rollups``); a test holds the fold to it.
"""

from collections import Counter
from collections.abc import Mapping
from datetime import date

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from wagtail.models import Page

from content.models import ArticlePage, SectionPage
from reach.models import (
    ReadsRollup,
    Referrals,
    ReferralsByMonth,
    SearchGap,
    SearchGapsByMonth,
    StoryReads,
    StoryReadsByMonth,
    StoryTotal,
)
from reach.period import first_of_month, next_month

LANGUAGE, SECTION, TOPIC, UNIT = "language", "section", "topic", "unit"

# A daily table, its monthly twin, the columns that name a count besides the day, the count.
MONTHLY_TWINS = [
    (StoryReads, StoryReadsByMonth, ("page_id", "language"), "reads"),
    (Referrals, ReferralsByMonth, ("language", "kind", "host"), "reads"),
    (SearchGap, SearchGapsByMonth, ("language", "query"), "searches"),
]


def rollup_rows(day: date, story_reads: Mapping[tuple[int, str], int]) -> list[tuple]:
    """(day, language, dimension, key, reads) rows for one day's reads of stories."""
    stories = {story for story, _language in story_reads}
    facts = ArticlePage.objects.filter(pk__in=stories).values_list("pk", "path", "lead_unit_id")
    parent_paths = {pk: path[: -ArticlePage.steplen] for pk, path, _unit in facts}
    sections = dict(
        SectionPage.objects.filter(path__in=set(parent_paths.values())).values_list("path", "pk")
    )
    units = {pk: unit for pk, _path, unit in facts if unit}
    topics: dict[int, list[int]] = {}
    through = ArticlePage.topics.through.objects.filter(articlepage_id__in=stories)
    for story, topic in through.values_list("articlepage_id", "topic_id"):
        topics.setdefault(story, []).append(topic)
    totals: Counter[tuple[str, str, int]] = Counter()
    for (story, language), reads in story_reads.items():
        totals[language, LANGUAGE, 0] += reads
        if parent_paths.get(story) in sections:
            totals[language, SECTION, sections[parent_paths[story]]] += reads
        if story in units:
            totals[language, UNIT, units[story]] += reads
        for topic in topics.get(story, ()):
            totals[language, TOPIC, topic] += reads
    return [(day, *key, reads) for key, reads in totals.items()]


# Our own table names (``{reads}``...) fill these; the period is a parameter.
REBUILD_STATEMENTS = [
    "DELETE FROM {rollup} WHERE day BETWEEN %(start)s AND %(end)s",
    """INSERT INTO {rollup} (day, language, dimension, key, reads)
       SELECT r.day, r.language, 'language', 0, SUM(r.reads) FROM {reads} r
       WHERE r.day BETWEEN %(start)s AND %(end)s GROUP BY r.day, r.language""",
    """INSERT INTO {rollup} (day, language, dimension, key, reads)
       SELECT r.day, r.language, 'section', s.id, SUM(r.reads) FROM {reads} r
       JOIN {page} p ON p.id = r.page_id
       JOIN {page} s ON s.path = SUBSTR(p.path, 1, LENGTH(p.path) - {steplen})
       WHERE r.day BETWEEN %(start)s AND %(end)s GROUP BY r.day, r.language, s.id""",
    """INSERT INTO {rollup} (day, language, dimension, key, reads)
       SELECT r.day, r.language, 'topic', t.topic_id, SUM(r.reads) FROM {reads} r
       JOIN {topics} t ON t.articlepage_id = r.page_id
       WHERE r.day BETWEEN %(start)s AND %(end)s GROUP BY r.day, r.language, t.topic_id""",
    """INSERT INTO {rollup} (day, language, dimension, key, reads)
       SELECT r.day, r.language, 'unit', a.lead_unit_id, SUM(r.reads) FROM {reads} r
       JOIN {article} a ON a.page_ptr_id = r.page_id
       WHERE r.day BETWEEN %(start)s AND %(end)s AND a.lead_unit_id IS NOT NULL
       GROUP BY r.day, r.language, a.lead_unit_id""",
]


def _monthly_statements(first_month: date, after_last_month: date) -> list[tuple[str, tuple]]:
    """Delete the monthly rows of the months, and insert them again from the daily rows."""
    statements = []
    for daily, monthly, keys, count in MONTHLY_TWINS:
        table = connection.ops.quote_name(monthly._meta.db_table)
        sums = (
            daily.objects.filter(day__gte=first_month, day__lt=after_last_month)
            .annotate(month_of_day=TruncMonth("day"))
            .values("month_of_day", *keys)
            .annotate(total=Sum(count))
            .values_list("month_of_day", *keys, "total")
            .order_by()
        )
        select, params = sums.query.sql_with_params()
        statements += [
            (
                f"DELETE FROM {table} WHERE month >= %s AND month < %s",  # noqa: S608  ours
                (first_month, after_last_month),
            ),
            (f"INSERT INTO {table} (month, {', '.join(keys)}, {count}) {select}", params),
        ]
    return statements


def _total_statements() -> list[tuple[str, tuple]]:
    total = connection.ops.quote_name(StoryTotal._meta.db_table)
    reads = connection.ops.quote_name(StoryReads._meta.db_table)
    return [
        (f"DELETE FROM {total}", ()),  # noqa: S608
        (
            f"INSERT INTO {total} (page_id, language, reads, first_day, last_day) "  # noqa: S608
            f"SELECT page_id, language, SUM(reads), MIN(day), MAX(day) FROM {reads} "
            "GROUP BY page_id, language",
            (),
        ),
    ]


def rebuild(start: date, end: date) -> None:
    """Recompute what is kept ready for ``start`` to ``end`` from the daily counts.

    Monthly rows are recomputed for every month the period touches, whole; the stories' reads
    since publication for all time.
    """
    names = {
        "rollup": ReadsRollup._meta.db_table,
        "reads": StoryReads._meta.db_table,
        "page": Page._meta.db_table,
        "article": ArticlePage._meta.db_table,
        "topics": ArticlePage.topics.through._meta.db_table,
    }
    quoted = {name: connection.ops.quote_name(table) for name, table in names.items()}
    statements = [
        statement.format(**quoted, steplen=ArticlePage.steplen) for statement in REBUILD_STATEMENTS
    ]
    months = _monthly_statements(first_of_month(start), next_month(first_of_month(end)))
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"start": start, "end": end})
        for statement, params in months + _total_statements():
            cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            # Rewritten tables with stale statistics get plans for empty ones: a view that
            # ranks from them would read the whole table.
            for model in [
                ReadsRollup,
                StoryTotal,
                *(monthly for _d, monthly, _k, _c in MONTHLY_TWINS),
            ]:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
