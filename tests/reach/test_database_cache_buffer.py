"""Without Redis (a development machine), the database cache buffers the counts just as well."""

import pytest
from django.core.cache import caches
from django.core.management import call_command

from reach.models import StoryReads


@pytest.fixture
def database_cache(settings, postgresql):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "reach_test_cache",
        },
    }
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    return caches["default"]


def test_reads_are_buffered_in_the_database_cache_and_folded(
    database_cache, story, send_beacon, fold_all
):
    for _ in range(3):
        send_beacon(story.pk, "en", "www.google.com")
    send_beacon(story.pk, "vi")

    assert fold_all() == 1
    assert fold_all() == 0
    reads = dict(StoryReads.objects.values_list("language", "reads"))
    assert reads == {"en": 3, "vi": 1}


def test_the_database_cache_buffer_limits_a_flood_too(database_cache, story, send_beacon, fold_all):
    for _ in range(130):
        send_beacon(story.pk, "en", HTTP_X_FORWARDED_FOR="203.0.113.5")
    fold_all()

    assert StoryReads.objects.get().reads == 120
