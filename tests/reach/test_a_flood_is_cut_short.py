"""A flood of beacons from one source is counted only up to what a reader could read."""

from reach.models import StoryReads
from reach.sources import BEACONS_PER_MINUTE


def test_one_source_counts_at_most_its_share_a_minute(reach_buffer, story, send_beacon, fold_all):
    for _ in range(BEACONS_PER_MINUTE + 30):
        send_beacon(story.pk, "en", HTTP_X_FORWARDED_FOR="203.0.113.9")
    send_beacon(story.pk, "en", HTTP_X_FORWARDED_FOR="198.51.100.7")  # another reader
    fold_all()

    assert StoryReads.objects.get(page=story, language="en").reads == BEACONS_PER_MINUTE + 1


def test_a_forged_forwarded_for_does_not_escape_the_limit(
    reach_buffer, story, send_beacon, fold_all
):
    # nginx appends the address it saw; what the client wrote before it is ignored.
    for number in range(BEACONS_PER_MINUTE + 30):
        send_beacon(story.pk, "en", HTTP_X_FORWARDED_FOR=f"10.0.0.{number % 250}, 203.0.113.9")
    fold_all()

    assert StoryReads.objects.get(page=story, language="en").reads == BEACONS_PER_MINUTE
