"""What the Reach views and the monthly report ask of the daily counts: one function a question.

Each answers for a ``Period`` with rows of plain values, biggest first, so that a chart, a
table, a CSV file and the report all show the same numbers. None sums every story's days: the
overview reads the daily rollups, a long period sums whole months from the monthly twins and
only its loose days from the daily rows (``_summed``), and the top stories are looked for
among the stories' reads since publication (``top_stories``).
"""

import statistics
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from content.models import ArticlePage, MinistryUnit, SectionPage, Topic, Translation
from reach import rollups
from reach.models import (
    FeedPulls,
    HubNotifications,
    ReadsRollup,
    Referrals,
    ReferralsByMonth,
    Searches,
    SearchGap,
    SearchGapsByMonth,
    StoryReads,
    StoryReadsByMonth,
    StoryTotal,
)
from reach.period import Period
from search.models import Partner

LANGUAGE_NAMES = dict(settings.LANGUAGES)
TOP = 10


def _summed(
    days: QuerySet, months: QuerySet, period: Period, keys: list[str], count: str
) -> list[tuple]:
    """(*keys, total) of ``count`` over the period, biggest first (then by the keys).

    ``days`` and ``months`` are a daily table and its monthly twin, filtered alike: the
    period's whole months are summed from the monthly rows, its loose days from the daily.
    """
    totals: dict[tuple, int] = defaultdict(int)
    loose = Q()
    for stretch in period.loose_days:
        loose |= Q(day__gte=stretch.start, day__lte=stretch.end)
    parts = [days.filter(loose)] if period.loose_days else []
    if period.whole_months:
        parts.append(months.filter(month__in=period.whole_months))
    for part in parts:
        for *key, total in (
            part.values(*keys).annotate(total=Sum(count)).values_list(*keys, "total").order_by()
        ):
            totals[tuple(key)] += total
    return sorted(((*key, total) for key, total in totals.items()), key=_biggest_first)


def _biggest_first(row: tuple) -> tuple:
    return (-row[-1], *row[:-1])


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


def _referrals(period: Period, keys: list[str], **filters) -> list[tuple]:
    return _summed(
        Referrals.objects.filter(**filters),
        ReferralsByMonth.objects.filter(**filters),
        period,
        keys,
        "reads",
    )


def referrals_by_kind(period: Period) -> list[tuple[str, int]]:
    return _referrals(period, ["kind"])


def top_referring_sites(period: Period, limit: int = 20) -> list[tuple[str, str, int]]:
    rows = _referrals(period, ["host", "kind"], host__gt="")
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))[:limit]


def story_totals(period: Period, candidates: dict[str, list[int]]) -> dict[tuple[str, int], int]:
    """Reads over the period of the stories named per language, each read in it, by both."""
    languages = [language for language, stories in candidates.items() if stories]
    stories = {story for language in languages for story in candidates[language]}
    named = {(language, story) for language in languages for story in candidates[language]}
    rows = _summed(
        StoryReads.objects.filter(language__in=languages, page_id__in=stories),
        StoryReadsByMonth.objects.filter(language__in=languages, page_id__in=stories),
        period,
        ["language", "page_id"],
        "reads",
    )
    return {(language, story): n for language, story, n in rows if n and (language, story) in named}


def _candidates(period: Period, languages: list[str], batch: int) -> dict[str, list[tuple]]:
    """Per language, the first ``batch`` stories read in the period, most read in all first."""
    firsts = [
        StoryTotal.objects.filter(
            language=language, first_day__lte=period.end, last_day__gte=period.start
        )
        .order_by("-reads", "page_id")
        .values_list("language", "page_id", "reads")[:batch]
        for language in languages
    ]
    if connection.features.supports_slicing_ordering_in_compound and len(firsts) > 1:
        rows = list(firsts[0].union(*firsts[1:], all=True))  # one query for every language
    else:
        rows = [row for first in firsts for row in first]
    found: dict[str, list[tuple]] = {language: [] for language in languages}
    for language, story, reads in rows:
        found[language].append((story, reads))
    for stories in found.values():
        stories.sort(key=lambda story: (-story[1], story[0]))
    return found


def top_stories_by_language(
    period: Period, languages: list[str], limit: int = TOP, batch: int = TOP * 20
) -> dict[str, list[tuple[int, str, int]]]:
    """Per language, (story id, title, reads) of its most read stories.

    Candidates are the stories read in the period, most read in all first: their reads in the
    period are summed a batch at a time, until no story left could pass the last of the top,
    since none was read more in the period than in all. Every language's batch is looked at
    in the same few queries.
    """
    ranked: dict[str, list[tuple[int, int]]] = {}
    looking = list(languages)
    while looking:
        candidates = _candidates(period, looking, batch)
        totals = story_totals(period, {lang: [s for s, _ in c] for lang, c in candidates.items()})
        still_looking = []
        for language, stories in candidates.items():
            top = sorted(
                (-totals[language, story], story)
                for story, _reads in stories
                if (language, story) in totals
            )[:limit]
            ranked[language] = top
            if len(stories) == batch:
                last_story, most_it_could_have = stories[-1]
                if len(top) < limit or (-most_it_could_have, last_story) < top[-1]:
                    still_looking.append(language)
        looking = still_looking
        batch *= 4
    shown = {story for top in ranked.values() for _, story in top}
    titles = dict(ArticlePage.objects.filter(pk__in=shown).values_list("pk", "title"))
    return {
        language: [(story, titles.get(story, ""), -negative) for negative, story in top]
        for language, top in ranked.items()
    }


def top_stories(
    period: Period, language: str, limit: int = TOP, batch: int = TOP * 20
) -> list[tuple[int, str, int]]:
    """(story id, title, reads) of the most read stories in a language."""
    return top_stories_by_language(period, [language], limit, batch)[language]


def story_reads_by_language(story_id: int) -> list[tuple[str, int]]:
    """Reads of one story in each language since it was published."""
    rows = StoryTotal.objects.filter(page_id=story_id).order_by("-reads", "language")
    return list(rows.values_list("language", "reads"))


class _EpochHours(Func):
    template = "EXTRACT(EPOCH FROM (%(expressions)s)) / 3600"
    arg_joiner = " - "


def translation_lags(period: Period) -> list[tuple[int, str, str, float, int]]:
    """Translations that went live in the period: (story, title, language, hours, reads since)."""
    reads = StoryTotal.objects.filter(
        page_id=OuterRef("page_id"), language=OuterRef("language")
    ).values("reads")
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
    rows = _summed(
        SearchGap.objects.all(),
        SearchGapsByMonth.objects.all(),
        period,
        ["language", "query"],
        "searches",
    )
    return sorted(rows, key=lambda row: (-row[2], row[1], row[0]))[:limit]


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
