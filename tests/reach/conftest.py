"""Reach's tests count into a real Redis, as production does, and fold into PostgreSQL."""

import time
from contextlib import contextmanager
from datetime import datetime
from datetime import time as time_of_day

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from reach.folding import fold
from tests.factories.stories import published_story
from tests.newsroom.test_redis_cache import RedisServer, redis_server  # noqa: F401

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def reach_buffer(redis_server, settings):  # noqa: F811
    """The shared cache as production has it: Redis, through the resilient backend."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry_after": 1},
        },
    }
    caches["default"].clear()
    return caches["default"]


@pytest.fixture
def story(postgresql, section):
    """A story live in Vietnamese and English, not in French."""
    return published_story(
        section,
        {
            "vi": ("Hợp tác thương mại với châu Âu", "Hai bên bàn về chuỗi cung ứng."),
            "en": ("Trade cooperation with Europe", "Both sides discussed supply chains."),
        },
    )


@pytest.fixture
def send_beacon(client):
    """A browser's beacon for a story in a language, from a referring host."""

    def send(story_id, language, referrer="", **headers):
        params = {"s": story_id, "l": language}
        if referrer:
            params["r"] = referrer
        query = "&".join(f"{k}={v}" for k, v in params.items())
        headers.setdefault("HTTP_USER_AGENT", BROWSER)
        return client.post(f"/reach/beacon?{query}", **headers)

    return send


@pytest.fixture
def fold_all():
    """Fold every window, the current one included, as the worker will once it has closed."""

    def run():
        return fold(now=time.time() + 180)

    return run


@contextmanager
def at_noon(day=None, *, tick=False):
    """The clock at noon, local time, so that a test counting reads by day never spans midnight."""
    noon = datetime.combine(day or timezone.localdate(), time_of_day(12))
    with time_machine.travel(timezone.make_aware(noon), tick=tick) as clock:
        yield clock


@pytest.fixture
def clock_at_noon():
    """A stopped clock at noon today."""
    with at_noon() as clock:
        yield clock
