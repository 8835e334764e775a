"""Months and totals kept beside the daily counts are exactly the daily counts, summed.

The Reach views answer long periods from them (whole months, each story's reads since
publication): whatever the period, they must show the numbers the daily rows hold.
"""

import random
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db.models import Max, Min, Sum
from django.utils import timezone

from reach import queries, rollups
from reach.folding import fold
from reach.models import (
    Referrals,
    ReferralsByMonth,
    SearchGap,
    SearchGapsByMonth,
    StoryReads,
    StoryReadsByMonth,
    StoryTotal,
)
from reach.period import Period
from tests.factories.stories import published_story

LANGUAGES = ("vi", "en")


def kept_ready() -> dict[str, set[tuple]]:
    return {
        "story months": set(
            StoryReadsByMonth.objects.values_list("month", "page_id", "language", "reads")
        ),
        "referral months": set(
            ReferralsByMonth.objects.values_list("month", "language", "kind", "host", "reads")
        ),
        "gap months": set(
            SearchGapsByMonth.objects.values_list("month", "language", "query", "searches")
        ),
        "totals": set(
            StoryTotal.objects.values_list("page_id", "language", "reads", "first_day", "last_day")
        ),
    }


def test_the_fold_keeps_months_and_totals_that_sum_the_days(
    reach_buffer, story, send_beacon, settings
):
    # Reads on the last two days of November and the first two of December.
    days = [datetime(2026, 11, 29, 10), datetime(2026, 11, 30, 10), datetime(2026, 12, 1, 10)]
    days.append(datetime(2026, 12, 2, 10))
    for number, moment in enumerate(days, 1):
        with time_machine.travel(timezone.make_aware(moment), tick=False) as clock:
            for _ in range(number):
                send_beacon(story.pk, "en", "www.google.com")
            send_beacon(story.pk, "vi")
            clock.shift(timedelta(minutes=3))
            fold()
    folded = kept_ready()

    rollups.rebuild(date(2026, 11, 29), date(2026, 12, 2))

    assert folded == kept_ready()
    assert folded["story months"] == {
        (date(2026, 11, 1), story.pk, "en", 3),
        (date(2026, 12, 1), story.pk, "en", 7),
        (date(2026, 11, 1), story.pk, "vi", 2),
        (date(2026, 12, 1), story.pk, "vi", 2),
    }
    assert (story.pk, "en", 10, date(2026, 11, 29), date(2026, 12, 2)) in folded["totals"]
    assert (date(2026, 12, 1), "en", "search", "www.google.com", 7) in folded["referral months"]


@pytest.fixture
def three_months_of_counts(postgresql, section):
    """Daily counts of twelve stories over three months, with ties, as the fold leaves them."""
    stories = [published_story(section, {"vi": (f"Tin số {n}", "Nội dung.")}) for n in range(12)]
    shuffle = random.Random(17)
    day = date(2026, 9, 20)
    while day <= date(2026, 12, 2):
        for story in shuffle.sample(stories, 5):
            language = shuffle.choice(LANGUAGES)
            StoryReads.objects.create(
                page=story, language=language, day=day, reads=shuffle.choice([1, 2, 5, 5, 9])
            )
        Referrals.objects.create(
            day=day, language="en", kind="search", host="www.bing.com", reads=day.day
        )
        Referrals.objects.create(day=day, language="vi", kind="direct", host="", reads=3)
        SearchGap.objects.create(day=day, language="en", query="visa", searches=day.day % 4 + 1)
        SearchGap.objects.create(day=day, language="en", query="tariffs", searches=2)
        day += timedelta(days=1)
    rollups.rebuild(date(2026, 9, 1), date(2026, 12, 31))
    return stories


def from_the_days(model, period: Period, keys: list[str], count: str, **filters) -> list[tuple]:
    rows = (
        model.objects.filter(day__gte=period.start, day__lte=period.end, **filters)
        .values(*keys)
        .annotate(total=Sum(count))
        .values_list(*keys, "total")
    )
    return sorted(rows, key=lambda row: (-row[-1], *row[:-1]))


PERIODS = [
    Period(date(2026, 11, 3), date(2026, 12, 2)),  # the last 30 days, across two months
    Period(date(2026, 10, 1), date(2026, 10, 31)),  # a whole month
    Period(date(2026, 9, 25), date(2026, 11, 30)),  # loose days, then whole months
    Period(date(2025, 12, 3), date(2026, 12, 2)),  # the year
    Period(date(2026, 10, 9), date(2026, 10, 9)),  # one day
]


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_every_view_of_a_period_shows_what_its_days_hold(three_months_of_counts, period):
    for language in LANGUAGES:
        expected = from_the_days(StoryReads, period, ["page_id"], "reads", language=language)
        shown = queries.top_stories(period, language, limit=len(three_months_of_counts))
        assert [(story, n) for story, _title, n in shown] == expected
        # A batch of two candidates at a time: looked for until none left could pass the third.
        assert queries.top_stories(period, language, limit=3, batch=2) == shown[:3]
    every_language = queries.top_stories_by_language(period, list(LANGUAGES), limit=4, batch=3)
    for language in LANGUAGES:
        assert every_language[language] == queries.top_stories(period, language, limit=4)
    assert queries.referrals_by_kind(period) == from_the_days(Referrals, period, ["kind"], "reads")
    assert queries.top_referring_sites(period) == from_the_days(
        Referrals, period, ["host", "kind"], "reads", host__gt=""
    )
    assert queries.search_gaps(period) == sorted(
        from_the_days(SearchGap, period, ["language", "query"], "searches"),
        key=lambda row: (-row[2], row[1], row[0]),
    )


def test_a_storys_reads_since_publication_are_its_days_summed(three_months_of_counts):
    for story in three_months_of_counts:
        days = StoryReads.objects.filter(page=story).values("language")
        expected = days.annotate(total=Sum("reads"), first=Min("day"), last=Max("day"))
        kept = StoryTotal.objects.filter(page=story)
        assert {(r["language"], r["total"], r["first"], r["last"]) for r in expected} == set(
            kept.values_list("language", "reads", "first_day", "last_day")
        )
        assert sorted(queries.story_reads_by_language(story.pk)) == sorted(
            (r["language"], r["total"]) for r in expected
        )
