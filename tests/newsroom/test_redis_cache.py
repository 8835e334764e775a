"""Production's cache: Redis through Django's backend, missing instead of failing without it.

A real ``redis-server`` of the test's own is started, stopped and frozen (SIGSTOP, a hung
server). Without redis-server the tests skip; CI installs it.
"""

import logging
import shutil
import time

import pytest
from django.core.cache import caches

from tests.factories.stories import published_story
from tests.production_server import RedisServer, free_port
from tests.services import require_service

pytestmark = pytest.mark.slow

# As production.py sets it, with a short retry_after so that the test need not wait long.
RETRY_AFTER = 1.0


@pytest.fixture
def redis_server(tmp_path):
    require_service(
        bool(shutil.which("redis-server")), "no redis-server (apt install redis-server)"
    )
    server = RedisServer(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(redis_server, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "retry_after": RETRY_AFTER,
            },
        },
    }
    caches["default"].clear()
    return caches["default"]


def test_the_cache_keeps_what_it_is_given_while_redis_runs(redis_cache):
    redis_cache.set("greeting", {"vi": "Xin chào"}, 60)
    assert redis_cache.get("greeting") == {"vi": "Xin chào"}
    assert redis_cache.add("greeting", "again") is False
    assert redis_cache.add("counter", 0) is True
    assert redis_cache.incr("counter") == 1


def test_redis_stopped_is_a_miss_logged_once_not_an_error(redis_server, redis_cache, caplog):
    redis_cache.set("greeting", "Xin chào", 60)
    redis_server.stop()

    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        assert redis_cache.get("greeting", "missed") == "missed"
        redis_cache.set("greeting", "again", 60)
        assert redis_cache.get_many(["a", "b"]) == {}
        assert redis_cache.add("fresh", 1) is False
        with pytest.raises(ValueError):
            redis_cache.incr("counter")
    warnings = [r for r in caplog.records if r.name == "newsroom.cache"]
    assert len(warnings) == 1  # then it leaves Redis alone for retry_after
    assert "Redis cache unavailable" in warnings[0].getMessage()

    redis_server.start()
    time.sleep(RETRY_AFTER)
    redis_cache.set("greeting", "back", 60)
    assert redis_cache.get("greeting") == "back"


def test_a_hung_redis_costs_one_timeout_then_nothing(redis_server, redis_cache):
    redis_cache.set("greeting", "Xin chào", 60)
    redis_server.freeze()

    started = time.monotonic()
    assert redis_cache.get("greeting") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(50):
        assert redis_cache.get("greeting") is None
    after = time.monotonic() - started
    assert first < 1.0  # the socket timeout, not the system's
    assert after < 0.1  # fifty misses without asking the frozen server


@pytest.mark.django_db
def test_readers_get_pages_and_feeds_with_redis_gone(redis_server, redis_cache, client, section):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("Trade talks", "Text.")})
    assert client.get("/en/").status_code == 200
    redis_server.stop()

    home = client.get("/en/")
    feed = client.get("/en/feeds/all.rss")
    search = client.get("/en/search/", {"q": "trade"})

    assert home.status_code == 200
    assert b"Trade talks" in home.content
    assert feed.status_code == 200
    assert b"Trade talks" in feed.content
    assert search.status_code == 200
