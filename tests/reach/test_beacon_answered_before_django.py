"""Under gunicorn and the production settings, the beacon is answered before Django's handler.

``newsroom.wsgi`` wraps Django so that a beacon costs no request of Django's (no signals, no
middleware, no database check); these tests hold that path to every rule the middleware keeps:
bots, forged values and floods count nothing, the answer is 204 and ``no-store`` whatever it
decides, and nothing personal reaches the buffer.
"""

import time
import urllib.error
import urllib.request

import pytest
from django.core.signals import request_started
from django.db import connection

from newsroom.caches import production_caches, redis_cache
from reach.models import Referrals, StoryReads
from reach.sources import BEACONS_PER_MINUTE
from tests.production_server import database_url, gunicorn, production_environment
from tests.reach.conftest import BROWSER
from tests.reach.test_beacon_drops_what_is_not_a_read import GOOGLEBOT
from tests.reach.test_nothing_personal_is_stored import buffer_as_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ADDRESS = "203.0.113.77"


@pytest.fixture
def production_site(postgresql, production_redis, settings, tmp_path):
    """Gunicorn with the production settings on the test database, and its Redis shared here."""
    env = production_environment(
        database_url(connection.settings_dict),
        REDIS_URL=production_redis,
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    # The fold, run here, reads the buffer the gunicorn workers write.
    settings.CACHES = production_caches(redis_cache(production_redis, env["NEWSROOM_CACHE_PREFIX"]))
    with gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as server:
        yield server


@pytest.fixture
def reach_buffer_of():
    """What the shared cache holds now, as text: every key and value."""
    from django.core.cache import caches

    return lambda: buffer_as_text(caches["default"])


def post_beacon(server, query: str, user_agent: str = BROWSER, address: str = ADDRESS):
    """A beacon as a browser sends it through nginx: status and headers of the answer."""
    request = urllib.request.Request(
        f"{server.url}/reach/beacon?{query}",
        data=b"",
        method="POST",
        headers={
            "User-Agent": user_agent,
            "X-Forwarded-For": address,
            "Cookie": "sessionid=c0ffee5ecret",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_reads_are_counted_and_answered_204_no_store_without_a_cookie(
    production_site, story, fold_all, reach_buffer_of
):
    answers = [
        post_beacon(production_site, f"s={story.pk}&l=en&r=www.google.com"),
        post_beacon(production_site, f"s={story.pk}&l=vi"),
    ]
    buffered = reach_buffer_of()
    fold_all()

    for status, headers in answers:
        assert status == 204
        assert headers["Cache-Control"] == "private, no-store"
        assert "Set-Cookie" not in headers
    assert {(r.language, r.reads) for r in StoryReads.objects.all()} == {("en", 1), ("vi", 1)}
    assert Referrals.objects.get(language="en").kind == "search"
    for personal in (ADDRESS, "Chrome", "X11", "c0ffee"):
        assert personal not in buffered


def test_bots_and_forged_values_count_nothing(production_site, story, fold_all):
    queries = [
        f"s={story.pk}&l=fr",  # not live in French
        f"s={story.pk}&l=xx",
        f"s={story.pk}&l=en&r=evil.example/<script>",
        "s=99999999999&l=en",
        f"s={story.pk}&l=en&q=visa&f=0&g=forged",  # a search gap nobody signed
    ]
    statuses = [post_beacon(production_site, query)[0] for query in queries]
    statuses.append(post_beacon(production_site, f"s={story.pk}&l=en", user_agent=GOOGLEBOT)[0])
    statuses.append(post_beacon(production_site, f"s={story.pk}&l=en", user_agent="")[0])
    fold_all()

    assert set(statuses) == {204}
    assert not StoryReads.objects.exists()
    assert not Referrals.objects.exists()


def test_a_flood_from_one_source_is_cut_short(production_site, story, fold_all):
    for _ in range(BEACONS_PER_MINUTE + 20):
        post_beacon(production_site, f"s={story.pk}&l=en", address="198.51.100.9")
    post_beacon(production_site, f"s={story.pk}&l=en", address="198.51.100.10")
    fold_all()

    assert StoryReads.objects.get(language="en").reads == BEACONS_PER_MINUTE + 1


def test_the_wrapped_application_answers_a_beacon_without_starting_a_django_request(
    story, settings, production_cache, fold_all
):
    from django.test import RequestFactory

    from newsroom.wsgi import application

    started = []
    request_started.connect(started.append, dispatch_uid="test-beacon-fast-path")
    environ = (
        RequestFactory()
        .post(
            f"/reach/beacon?s={story.pk}&l=en",
            HTTP_USER_AGENT=BROWSER,
            HTTP_X_FORWARDED_FOR=ADDRESS,
        )
        .environ
    )
    answer: dict = {}
    try:
        body = b"".join(
            application(environ, lambda status, headers, exc=None: answer.update(status=status))
        )
    finally:
        request_started.disconnect(dispatch_uid="test-beacon-fast-path")
    fold_all()

    assert (answer["status"], body, started) == ("204 No Content", b"", [])
    assert StoryReads.objects.get().reads == 1


def test_beacons_leave_no_line_in_the_access_log(production_site, story):
    """What was read or searched for is never written beside an address and a user agent."""
    answers = [
        post_beacon(production_site, f"s={story.pk}&l=en&r=www.example.org"),
        post_beacon(production_site, "l=en&q=ambassadorial+credentials&f=0&g=unsigned"),
    ]
    # Gunicorn logs each request once it is answered: a later one marks where the log is.
    with urllib.request.urlopen(f"{production_site.url}/robots.txt?after-beacons", timeout=10):
        pass
    log = production_site.log
    deadline = time.monotonic() + 10
    while "after-beacons" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    written = log.read_text()

    assert [status for status, _headers in answers] == [204, 204]
    assert "GET /robots.txt?after-beacons" in written  # the access log is on
    assert "/reach/beacon" not in written
    assert "ambassadorial" not in written
    assert ADDRESS not in written
