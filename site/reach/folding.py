"""Folding the buffer's closed windows into the daily counts in the database.

Run by the background worker every minute (``tasks.fold_reach``, queued by
``manage.py reach_fold`` from ``deploy/scheduled.sh``). A window is folded once: its mark
(``FoldedWindow``) is written in the same transaction as its counts, so that two folds at
once, or a fold killed after its commit, never count a window twice; what ``rollups`` keeps
ready (rollups, monthly twins, stories' reads since publication) is added to in the same
transaction. Counts for stories that are not live in the language counted are dropped here: a
forged beacon pollutes nothing.
"""

import logging
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from content.models import ArticlePage, Translation
from reach import buffer
from reach.hub_notifications import count_hub_notifications
from reach.models import (
    FeedPulls,
    FoldedWindow,
    PartnerSite,
    ReadsRollup,
    Referrals,
    Searches,
    SearchGap,
    StoryReads,
    StoryTotal,
)
from reach.period import first_of_month
from reach.referrers import referrer_kind
from reach.rollups import MONTHLY_TWINS, rollup_rows
from search.models import Partner

logger = logging.getLogger(__name__)

LOOKBACK_WINDOWS = buffer.KEPT_SECONDS // buffer.WINDOW_SECONDS
TWINS = {daily: (monthly, keys, column) for daily, monthly, keys, column in MONTHLY_TWINS}


def window_day(window: int) -> date:
    """The day, in the ministry's time zone, a window's minute falls on."""
    start = datetime.fromtimestamp(window * buffer.WINDOW_SECONDS, tz=UTC)
    return timezone.localdate(start)


def readable_pairs(story_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(story, language) pairs of these stories that readers may read."""
    originals = set(
        ArticlePage.objects.filter(pk__in=set(story_ids), live=True).values_list(
            "pk", "original_language"
        )
    )
    translations = Translation.objects.live().filter(page_id__in={pk for pk, _ in originals})
    return originals | set(translations.values_list("page_id", "language"))


def _add_counts(model, key_columns: list[str], rows: list[tuple], column="reads") -> None:
    """Add ``rows`` (key columns, then a count) to ``model``'s ``column``: one upsert each."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join([*key_columns, column])
    placeholders = ", ".join(["%s"] * (len(key_columns) + 1))
    conflict = ", ".join(key_columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608  names are ours
            f"ON CONFLICT ({conflict}) "
            f"DO UPDATE SET {column} = {table}.{column} + EXCLUDED.{column}",
            rows,
        )


def _add_daily_and_monthly(daily, day: date, rows: list[tuple]) -> None:
    """Add ``rows`` (the columns that name a count, then the count) to a table and its twin."""
    _monthly, keys, column = TWINS[daily]
    _add_counts(daily, ["day", *keys], [(day, *row) for row in rows], column)
    _add_counts(_monthly, ["month", *keys], [(first_of_month(day), *row) for row in rows], column)


def _add_to_story_totals(day: date, story_reads: Counter[tuple[int, str]]) -> None:
    if not story_reads:
        return
    table = connection.ops.quote_name(StoryTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_id, language, reads, first_day, last_day) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (page_id, language) DO UPDATE SET "
            f"reads = {table}.reads + EXCLUDED.reads, "
            f"first_day = CASE WHEN EXCLUDED.first_day < {table}.first_day "
            f"THEN EXCLUDED.first_day ELSE {table}.first_day END, "
            f"last_day = CASE WHEN EXCLUDED.last_day > {table}.last_day "
            f"THEN EXCLUDED.last_day ELSE {table}.last_day END",
            [(story, language, n, day, day) for (story, language), n in story_reads.items()],
        )


def _reads(day: date, names: list[tuple[str, int]], partner_hosts: frozenset[str]) -> None:
    parsed = []
    for name, reads in names:
        story_id, language, host = name.split(":", 2)
        parsed.append((int(story_id), language, host, reads))
    readable = readable_pairs(story for story, *_ in parsed)
    story_reads: Counter[tuple[int, str]] = Counter()
    referrals: Counter[tuple[str, str, str]] = Counter()
    for story, language, host, reads in parsed:
        if (story, language) not in readable:
            continue
        story_reads[story, language] += reads
        kind = referrer_kind(host, partner_hosts)
        referrals[language, kind.value, host if len(host) > 1 else ""] += reads
    _add_daily_and_monthly(StoryReads, day, [(*key, reads) for key, reads in story_reads.items()])
    _add_to_story_totals(day, story_reads)
    _add_counts(ReadsRollup, ["day", "language", "dimension", "key"], rollup_rows(day, story_reads))
    _add_daily_and_monthly(Referrals, day, [(*key, reads) for key, reads in referrals.items()])


def _searches(day: date, names: list[tuple[str, int]]) -> None:
    searches: Counter[str] = Counter()
    found_nothing: Counter[str] = Counter()
    gaps: Counter[tuple[str, str]] = Counter()
    for name, count in names:
        language, found, query = name.split(":", 2)
        searches[language] += count
        if found == "0":
            found_nothing[language] += count
            if query:
                gaps[language, query] += count
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Searches._meta.db_table)
        cursor.executemany(
            f"INSERT INTO {table} (day, language, searches, found_nothing) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT (day, language) DO UPDATE SET "
            f"searches = {table}.searches + EXCLUDED.searches, "
            f"found_nothing = {table}.found_nothing + EXCLUDED.found_nothing",
            [(day, lang, n, found_nothing[lang]) for lang, n in searches.items()],
        )
    _add_daily_and_monthly(SearchGap, day, [(*key, n) for key, n in gaps.items()])


def _feed_pulls(day: date, pulls: list[tuple[str, int]], items: list[tuple[str, int]]) -> None:
    partners = set(Partner.objects.values_list("pk", flat=True))
    counts: dict[tuple[str, int | None, str], list[int]] = {}
    for which, names in ((0, pulls), (1, items)):
        for name, count in names:
            language, partner, feed = name.split(":", 2)
            partner_id = int(partner) or None
            if partner_id is not None and partner_id not in partners:
                continue  # deleted since
            counts.setdefault((language, partner_id, feed[:200]), [0, 0])[which] += count
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(FeedPulls._meta.db_table)
        cursor.executemany(
            f"INSERT INTO {table} (day, language, partner_id, feed, pulls, items) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (day, language, partner_id, feed) DO UPDATE SET "
            f"pulls = {table}.pulls + EXCLUDED.pulls, items = {table}.items + EXCLUDED.items",
            [(day, *key, n_pulls, n_items) for key, (n_pulls, n_items) in counts.items()],
        )


def fold_counts(window: int, counts: dict[str, int], partner_hosts: frozenset[str]) -> None:
    """Add one window's buffered counts to the daily counts, once."""
    day = window_day(window)
    by_kind: dict[str, list[tuple[str, int]]] = {"r": [], "s": [], "f": [], "i": []}
    for name, count in counts.items():
        kind, _, rest = name.partition(":")
        if kind in by_kind:
            by_kind[kind].append((rest, count))
    with transaction.atomic():
        FoldedWindow.objects.create(window=window)
        _reads(day, by_kind["r"], partner_hosts)
        _searches(day, by_kind["s"])
        _feed_pulls(day, by_kind["f"], by_kind["i"])


def fold(now: float | None = None) -> int:
    """Fold every closed window the buffer still holds; the number folded."""
    current = buffer.current_window(now)
    # A window closes when its minute is over; one more lets the last beacons land.
    candidates = range(current - LOOKBACK_WINDOWS, current - 1)
    counts_buffer = buffer.current_buffer()
    pending = counts_buffer.pending(candidates)
    done = set(FoldedWindow.objects.filter(window__in=pending).values_list("window", flat=True))
    partner_hosts = frozenset(PartnerSite.objects.values_list("host", flat=True))
    folded = 0
    for window in pending:
        if window not in done:
            try:
                fold_counts(window, counts_buffer.read(window), partner_hosts)
            except IntegrityError:  # another fold took this window first
                continue
            folded += 1
        counts_buffer.forget(window)
    FoldedWindow.objects.filter(folded_at__lt=timezone.now() - timedelta(days=3)).delete()
    count_hub_notifications()
    return folded
