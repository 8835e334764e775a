"""Counts buffered in the shared cache (Redis in production), a window per minute.

A beacon adds one to a counter named by the minute and what it counts; a window's counters
are listed in numbered slots, since a cache cannot list its keys. The worker folds each
closed window into the database (``folding``) and forgets it. Any failure of the cache loses
the counts it concerns, never a reader's page: every operation here swallows it.

Keys of a window ``m``: ``reach:m:n`` (how many slots), ``reach:m:k:i`` (slot ``i`` holds a
counter's name) and ``reach:m:c:<name>`` (the count). Nothing in them names a reader.
"""

import logging
import time
from collections.abc import Iterable

from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
# Kept this long if the worker does not fold them: long enough for a worker to come back.
KEPT_SECONDS = 2 * 24 * 60 * 60
# A window holds at most this many distinct counters: a forged flood fills no memory.
MAX_COUNTERS_PER_WINDOW = 50_000


def current_window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def _slots_key(window: int) -> str:
    return f"reach:{window}:n"


def _slot_key(window: int, slot: int) -> str:
    return f"reach:{window}:k:{slot}"


def _counter_key(window: int, name: str) -> str:
    return f"reach:{window}:c:{name}"


def _increment(key: str, timeout: int, delta: int = 1) -> int | None:
    """``key`` plus ``delta``, created if missing; None when the cache cannot say."""
    try:
        return cache.incr(key, delta)
    except ValueError:  # missing, or the cache is away
        pass
    if cache.add(key, delta, timeout):
        return delta
    try:
        return cache.incr(key, delta)  # another process created it in between
    except ValueError:
        return None


def count(name: str, delta: int = 1, window: int | None = None) -> None:
    """``delta`` more of ``name`` (what is counted: ``r:story:language:referrer``, ...)."""
    window = current_window() if window is None else window
    key = _counter_key(window, name)
    try:
        try:
            cache.incr(key, delta)
            return
        except ValueError:
            pass
        slot = _increment(_slots_key(window), KEPT_SECONDS)
        if slot is None or slot > MAX_COUNTERS_PER_WINDOW:
            return
        if cache.add(key, delta, KEPT_SECONDS):
            cache.set(_slot_key(window, slot), name, KEPT_SECONDS)
        else:
            cache.incr(key, delta)  # created meanwhile; this slot stays empty
    except Exception:  # the buffer away costs this count, never the reader's request
        logger.warning("Reach buffer unavailable: a count was dropped", exc_info=True)


def windows_with_counts(windows: Iterable[int]) -> dict[int, int]:
    """Of ``windows``, those that hold counters, with their number of slots."""
    windows = list(windows)
    found = cache.get_many([_slots_key(w) for w in windows])
    return {w: int(found[_slots_key(w)]) for w in windows if _slots_key(w) in found}


def read_window(window: int, slots: int) -> dict[str, int]:
    """The counters of a window: ``{name: count}``."""
    slot_keys = [_slot_key(window, i) for i in range(1, slots + 1)]
    names = [name for name in cache.get_many(slot_keys).values() if name]
    values = cache.get_many([_counter_key(window, name) for name in names])
    return {
        name: int(values[_counter_key(window, name)])
        for name in names
        if _counter_key(window, name) in values
    }


def forget_window(window: int, slots: int, names: Iterable[str]) -> None:
    """Delete a folded window's keys."""
    cache.delete_many(
        [_slots_key(window)]
        + [_slot_key(window, i) for i in range(1, slots + 1)]
        + [_counter_key(window, name) for name in names]
    )
