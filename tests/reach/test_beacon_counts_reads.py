"""A read is counted per story, language and day, and by where the reader came from."""

from datetime import timedelta

from django.utils import timezone

from reach.folding import fold
from reach.models import Referrals, StoryReads


def test_a_beacon_answers_204_and_is_never_cached(reach_buffer, story, send_beacon):
    response = send_beacon(story.pk, "en")

    assert response.status_code == 204
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies


def test_reads_are_counted_per_story_and_language_once_folded(
    reach_buffer, story, send_beacon, fold_all, clock_at_noon
):
    for _ in range(3):
        send_beacon(story.pk, "en")
    send_beacon(story.pk, "vi")
    assert not StoryReads.objects.exists()  # buffered until the worker folds

    assert fold_all() == 1

    reads = {(r.language, r.day, r.reads) for r in StoryReads.objects.filter(page=story)}
    today = timezone.localdate()
    assert reads == {("en", today, 3), ("vi", today, 1)}


def test_folding_again_counts_nothing_twice(reach_buffer, story, send_beacon, clock_at_noon):
    send_beacon(story.pk, "en")
    clock_at_noon.shift(timedelta(minutes=2))
    assert fold() == 1
    send_beacon(story.pk, "en")
    clock_at_noon.shift(timedelta(minutes=2))
    assert fold() == 1
    assert fold() == 0

    assert StoryReads.objects.get(page=story, language="en").reads == 2


def test_referrers_are_counted_by_kind_and_host(reach_buffer, story, send_beacon, fold_all):
    send_beacon(story.pk, "en", "www.google.com")
    send_beacon(story.pk, "en", "www.google.com")
    send_beacon(story.pk, "en", "feedly.com")
    send_beacon(story.pk, "en", "m.facebook.com")
    send_beacon(story.pk, "en", "testserver")  # another page of the newsroom
    send_beacon(story.pk, "en")
    fold_all()

    referrals = {(r.kind, r.host): r.reads for r in Referrals.objects.filter(language="en")}
    assert referrals == {
        ("search", "www.google.com"): 2,
        ("feed_reader", "feedly.com"): 1,
        ("social", "m.facebook.com"): 1,
        ("internal", ""): 1,
        ("direct", ""): 1,
    }
