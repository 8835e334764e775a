"""Reads per day and language, in all and per section, topic and lead unit, kept ready.

The fold adds to them as it adds story reads (``rollup_rows``); ``rebuild`` recomputes a
period from the story reads, after a bulk load or a repair (``manage.py reach_fold
--rebuild-rollups``). The overview reads them, never the story reads.
"""

from collections import Counter
from collections.abc import Mapping
from datetime import date

from django.db import connection, transaction
from wagtail.models import Page

from content.models import ArticlePage, SectionPage
from reach.models import ReadsRollup, StoryReads

LANGUAGE, SECTION, TOPIC, UNIT = "language", "section", "topic", "unit"


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


def rebuild(start: date, end: date) -> None:
    """Recompute the rollups of ``start`` to ``end`` from the story reads."""
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
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"start": start, "end": end})
