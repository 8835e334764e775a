"""Story pages load the beacon from a static script, and it is counted behind the front cache."""

import re
import urllib.request
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from reach.models import StoryReads
from tests.newsroom.test_front_cache import front_cache  # noqa: F401
from tests.newsroom.test_render_caches import url_in
from tests.reach.conftest import BROWSER

BEACON_SCRIPT = re.compile(
    r'<script src="/static/reach/beacon\.js" data-endpoint="/reach/beacon" '
    r'data-language="([a-z-]+)" data-story="(\d+)" defer></script>'
)


def test_a_story_page_loads_the_beacon_script_with_its_story_and_language(story, client):
    html = client.get(story.get_url()).content.decode()
    english = client.get(url_in(story, "en"))

    assert BEACON_SCRIPT.findall(html) == [("vi", str(story.pk))]
    assert BEACON_SCRIPT.findall(english.content.decode()) == [("en", str(story.pk))]
    assert "sendBeacon" not in html  # no inline script: the CSP allows none


def test_the_beacon_script_sends_only_story_language_and_referring_host():
    script = Path(finders.find("reach/beacon.js")).read_text(encoding="utf-8")

    assert "navigator.sendBeacon" in script
    assert "document.cookie" not in script and "localStorage" not in script
    assert ".hostname" in script  # of the referrer: never its path or query


@pytest.mark.django_db(transaction=True)
def test_beacons_pass_the_front_cache_every_time_while_the_page_is_cached(
    front_cache,  # noqa: F811
    reach_buffer,
    story,
    fold_all,
):
    path = url_in(story, "en")
    front_cache.get(path)
    _status, headers, html = front_cache.get(path)
    assert headers["X-Cache"] == "HIT"
    assert BEACON_SCRIPT.search(html)

    for _ in range(3):
        request = urllib.request.Request(
            f"{front_cache.url}/reach/beacon?s={story.pk}&l=en",
            method="POST",
            data=b"",
            headers={"Host": front_cache.host, "User-Agent": BROWSER},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
            assert response.headers["X-Cache"] != "HIT"
    fold_all()

    assert StoryReads.objects.get(page=story, language="en").reads == 3
