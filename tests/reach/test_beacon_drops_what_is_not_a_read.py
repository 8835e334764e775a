"""Bots, forged values and stories not live in a language answer 204 and count nothing."""

import pytest

from reach.models import Referrals, StoryReads
from tests.factories.stories import published_story

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.mark.parametrize(
    "user_agent",
    [GOOGLEBOT, "python-requests/2.32.3", "curl/8.5.0", "facebookexternalhit/1.1", ""],
)
def test_known_bots_and_agents_without_a_name_are_not_counted(
    reach_buffer, story, send_beacon, fold_all, user_agent
):
    assert send_beacon(story.pk, "en", HTTP_USER_AGENT=user_agent).status_code == 204
    fold_all()

    assert not StoryReads.objects.exists()


@pytest.mark.parametrize(
    ("story_id", "language", "referrer"),
    [
        ("999999", "en", ""),  # no such story
        ("{story}", "fr", ""),  # not live in French
        ("{story}", "xx", ""),  # no such language
        ("{story}", "en", "evil.example/<script>"),
        ("{story}", "en", "a" * 300),
        ("-1", "en", ""),
        ("1e9", "en", ""),
        ("99999999999", "en", ""),
        ("{story}", "en:vi", ""),
    ],
)
def test_forged_beacons_are_answered_but_pollute_no_count(
    reach_buffer, story, send_beacon, fold_all, story_id, language, referrer
):
    response = send_beacon(story_id.format(story=story.pk), language, referrer)
    fold_all()

    assert response.status_code == 204
    assert not StoryReads.objects.exists()
    assert not Referrals.objects.exists()


def test_a_section_page_id_is_not_a_story(reach_buffer, story, send_beacon, fold_all, section):
    send_beacon(section.pk, "vi")
    fold_all()

    assert not StoryReads.objects.exists()


def test_an_unpublished_story_is_not_counted(reach_buffer, send_beacon, fold_all, section):
    story = published_story(section, {"vi": ("Tin đã gỡ", "Nội dung.")})
    story.unpublish()
    send_beacon(story.pk, "vi")
    fold_all()

    assert not StoryReads.objects.exists()


def test_a_beacon_with_another_method_is_answered_and_not_counted(
    reach_buffer, story, client, fold_all
):
    response = client.put(f"/reach/beacon?s={story.pk}&l=en")
    fold_all()

    assert response.status_code == 204
    assert not StoryReads.objects.exists()
