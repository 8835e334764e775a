"""What the Reach views and the monthly report ask of the daily counts: one function a question.

Each answers for a ``Period`` with rows of plain values, biggest first, so that a chart, a
table, a CSV file and the report all show the same numbers.
"""

import statistics
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from content.models import ArticlePage, MinistryUnit, SectionPage, Topic, Translation
from reach import rollups
from reach.models import (
    FeedPulls,
    HubNotifications,
    ReadsRollup,
    Referrals,
    Searches,
    SearchGap,
    StoryReads,
)
from reach.period import Period
from search.models import Partner

LANGUAGE_NAMES = dict(settings.LANGUAGES)
TOP = 10


def _reads(period: Period):
    return StoryReads.objects.filter(day__gte=period.start, day__lte=period.end)


def _rollup(period: Period, dimension: str):
    return ReadsRollup.objects.filter(
        dimension=dimension, day__gte=period.start, day__lte=period.end
    )


def reads_by_language(period: Period) -> list[tuple[str, int]]:
    rows = (
        _rollup(period, rollups.LANGUAGE)
        .values("language")
        .annotate(total=Sum("reads"))
        .order_by("-total")
    )
    return [(row["language"], row["total"]) for row in rows]


def reads_by_day(period: Period) -> list[tuple[date, int]]:
    rows = _rollup(period, rollups.LANGUAGE).values("day").annotate(total=Sum("reads"))
    totals = dict(rows.values_list("day", "total"))
    return [(day, totals.get(day, 0)) for day in period.days]


def _by_key(period: Period, dimension: str, names: dict[int, str]) -> list[tuple[str, int]]:
    rows = _rollup(period, dimension).values("key").annotate(total=Sum("reads")).order_by("-total")
    return [(names.get(row["key"], "?"), row["total"]) for row in rows]


def reads_by_section(period: Period) -> list[tuple[str, int]]:
    """Reads of the stories of each section."""
    return _by_key(period, rollups.SECTION, dict(SectionPage.objects.values_list("pk", "title")))


def reads_by_topic(period: Period) -> list[tuple[str, int]]:
    """Reads of stories about each topic (a story about two topics counts for both)."""
    return _by_key(period, rollups.TOPIC, {t.pk: str(t) for t in Topic.objects.all()})


def reads_by_unit(period: Period) -> list[tuple[str, int]]:
    """Reads of stories each unit led."""
    return _by_key(period, rollups.UNIT, {u.pk: str(u) for u in MinistryUnit.objects.all()})


def referrals_by_kind(period: Period) -> list[tuple[str, int]]:
    rows = (
        Referrals.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("kind")
        .annotate(total=Sum("reads"))
        .order_by("-total")
    )
    return [(row["kind"], row["total"]) for row in rows]


def top_referring_sites(period: Period, limit: int = 20) -> list[tuple[str, str, int]]:
    rows = (
        Referrals.objects.filter(day__gte=period.start, day__lte=period.end)
        .exclude(host="")
        .values("kind", "host")
        .annotate(total=Sum("reads"))
        .order_by("-total", "host")[:limit]
    )
    return [(row["host"], row["kind"], row["total"]) for row in rows]


def top_stories(period: Period, language: str, limit: int = TOP) -> list[tuple[int, str, int]]:
    """(story id, title, reads) of the most read stories in a language."""
    rows = list(
        _reads(period)
        .filter(language=language)
        .values("page_id")
        .annotate(total=Sum("reads"))
        .order_by("-total", "page_id")[:limit]
    )
    titles = dict(
        ArticlePage.objects.filter(pk__in=[r["page_id"] for r in rows]).values_list("pk", "title")
    )
    return [(row["page_id"], titles.get(row["page_id"], ""), row["total"]) for row in rows]


def story_reads_by_language(story_id: int) -> list[tuple[str, int]]:
    """Reads of one story in each language since it was published."""
    rows = (
        StoryReads.objects.filter(page_id=story_id)
        .values("language")
        .annotate(total=Sum("reads"))
        .order_by("-total")
    )
    return [(row["language"], row["total"]) for row in rows]


class _EpochHours(Func):
    template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 3600"
    arg_joiner = " - "


def translation_lags(period: Period) -> list[tuple[int, str, str, float, int]]:
    """Translations that went live in the period: (story, title, language, hours, reads since)."""
    reads = (
        StoryReads.objects.filter(page_id=OuterRef("page_id"), language=OuterRef("language"))
        .values("page_id")
        .annotate(total=Sum("reads"))
        .values("total")
    )
    rows = (
        Translation.objects.live()
        .filter(approved_at__date__gte=period.start, approved_at__date__lte=period.end)
        .annotate(
            lag=_EpochHours(F("approved_at"), F("page__publication_date")),
            reads=Coalesce(Subquery(reads, output_field=IntegerField()), Value(0)),
        )
        .order_by("-approved_at")
        .values_list("page_id", "page__title", "language", "lag", "reads")
    )
    return [(pk, title, lang, max(0.0, float(lag)), reads) for pk, title, lang, lag, reads in rows]


def translation_lag_by_language(period: Period) -> list[tuple[str, int, float, int]]:
    """Per language: translations gone live, median hours after publication, their reads."""
    by_language: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for _pk, _title, language, hours, reads in translation_lags(period):
        by_language[language].append((hours, reads))
    rows = [
        (language, len(lags), statistics.median(h for h, _ in lags), sum(r for _, r in lags))
        for language, lags in by_language.items()
    ]
    return sorted(rows, key=lambda row: row[2])


def searches_by_language(period: Period) -> list[tuple[str, int, int]]:
    rows = (
        Searches.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("language")
        .annotate(total=Sum("searches"), nothing=Sum("found_nothing"))
        .order_by("-total")
    )
    return [(row["language"], row["total"], row["nothing"]) for row in rows]


def search_gaps(period: Period, limit: int = 50) -> list[tuple[str, str, int]]:
    rows = (
        SearchGap.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("language", "query")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query")[:limit]
    )
    return [(row["language"], row["query"], row["total"]) for row in rows]


def pulls_by_partner(period: Period) -> list[tuple[str, int, int]]:
    """(partner, pulls, items delivered); the public's pulls as one line with no partner."""
    rows = (
        FeedPulls.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("partner_id")
        .annotate(total=Sum("pulls"), items=Sum("items"))
        .order_by("-total")
    )
    names = dict(Partner.objects.values_list("pk", "name"))
    return [(names.get(row["partner_id"], ""), row["total"], row["items"]) for row in rows]


def pulls_by_feed(period: Period, limit: int = 50) -> list[tuple[str, str, str, int, int]]:
    """(partner or "", language, feed, pulls, items) for the most pulled feeds."""
    rows = (
        FeedPulls.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("partner_id", "language", "feed")
        .annotate(total=Sum("pulls"), items=Sum("items"))
        .order_by("-total", "feed")[:limit]
    )
    names = dict(Partner.objects.values_list("pk", "name"))
    return [
        (names.get(row["partner_id"], ""), row["language"], row["feed"], row["total"], row["items"])
        for row in rows
    ]


def hub_notifications(period: Period) -> list[tuple[date, int, int, int]]:
    rows = HubNotifications.objects.filter(day__gte=period.start, day__lte=period.end)
    return [(r.day, r.sent, r.acknowledged, r.feeds) for r in rows.order_by("day")]
