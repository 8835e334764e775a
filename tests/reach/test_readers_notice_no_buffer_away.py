"""With Redis stopped, the beacon still answers at once and story pages still render."""

import time

from reach.models import StoryReads


def test_beacons_and_pages_are_served_while_the_buffer_is_away(
    redis_server, reach_buffer, story, send_beacon, client, fold_all
):
    redis_server.stop()

    started = time.monotonic()
    responses = [send_beacon(story.pk, "en") for _ in range(20)]
    took = time.monotonic() - started
    page = client.get(story.get_url())

    assert {r.status_code for r in responses} == {204}
    assert took < 2.0  # one timeout, then Redis is left alone (retry_after)
    assert page.status_code == 200
    redis_server.start()
    time.sleep(1)
    fold_all()
    assert not StoryReads.objects.exists()  # what the buffer missed is lost, nothing else
