"""When feeds last changed: the key under which rendered feeds are cached, and Last-Modified.

Every write to the index marks feeds as changed, so a cached feed is never served after
the stories it lists have changed. The mark lives in the shared cache, which every web
process and the worker see.
"""

from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

CHANGED_AT_KEY = "feeds:changed-at"


def feeds_changed() -> None:
    cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)


def feeds_changed_at() -> datetime:
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        changed_at = timezone.now()
        if not cache.add(CHANGED_AT_KEY, changed_at, timeout=None):
            changed_at = cache.get(CHANGED_AT_KEY, changed_at)
    return changed_at
