"""Counts buffered in the shared cache, a window per minute, until the worker folds them.

A beacon adds to a counter named by what it counts (``r:story:language:referrer``, ...) in
the window of the current minute. The worker folds each closed window into the database
(``folding``) and forgets it. Any failure of the cache loses the counts it concerns, never a
reader's request: every operation of a beacon swallows it.

With Redis (production), a beacon costs one round trip: a Lua script checks the source's
rate, adds to the window's hash and lists the window. With any other Django cache (the
database cache of development), counters are keys, listed in numbered slots per window,
since such a cache cannot list its keys.
"""

import logging
import time
from typing import Any, cast

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
# Kept this long if the worker does not fold them: long enough for a worker to come back.
KEPT_SECONDS = 2 * 24 * 60 * 60
# A window holds at most this many distinct counters: a forged flood fills no memory.
MAX_COUNTERS_PER_WINDOW = 50_000
# A source's beacons are counted for this long (sources.py).
SOURCE_SECONDS = 120
AWAY_SECONDS = 5.0


def current_window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


class CacheBuffer:
    """Counters as keys of any Django cache, listed in numbered slots per window."""

    def _slots_key(self, window: int) -> str:
        return f"reach:{window}:n"

    def _slot_key(self, window: int, slot: int) -> str:
        return f"reach:{window}:k:{slot}"

    def _counter_key(self, window: int, name: str) -> str:
        return f"reach:{window}:c:{name}"

    def _increment(self, key: str, timeout: int, delta: int = 1) -> int | None:
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

    def count(self, window: int, name: str, delta: int, source: str, limit: int) -> None:
        if source:
            seen = self._increment(source, SOURCE_SECONDS)
            if seen is None or seen > limit:
                return
        key = self._counter_key(window, name)
        try:
            cache.incr(key, delta)
            return
        except ValueError:
            pass
        slot = self._increment(self._slots_key(window), KEPT_SECONDS)
        if slot is None or slot > MAX_COUNTERS_PER_WINDOW:
            return
        if cache.add(key, delta, KEPT_SECONDS):
            cache.set(self._slot_key(window, slot), name, KEPT_SECONDS)
        else:
            cache.incr(key, delta)  # created meanwhile; this slot stays empty

    def pending(self, windows: range) -> list[int]:
        found = cache.get_many([self._slots_key(w) for w in windows])
        return [w for w in windows if self._slots_key(w) in found]

    def _names(self, window: int) -> list[str]:
        slots = int(cache.get(self._slots_key(window)) or 0)
        keys = [self._slot_key(window, i) for i in range(1, slots + 1)]
        return [name for name in cache.get_many(keys).values() if name]

    def read(self, window: int) -> dict[str, int]:
        names = self._names(window)
        values = cache.get_many([self._counter_key(window, name) for name in names])
        return {
            name: int(values[self._counter_key(window, name)])
            for name in names
            if self._counter_key(window, name) in values
        }

    def forget(self, window: int) -> None:
        names = self._names(window)
        slots = int(cache.get(self._slots_key(window)) or 0)
        cache.delete_many(
            [self._slots_key(window)]
            + [self._slot_key(window, i) for i in range(1, slots + 1)]
            + [self._counter_key(window, name) for name in names]
        )


# KEYS: the window's hash, the set of windows, the source's key ("" for none).
# ARGV: name, delta, the source's limit, seconds kept, the window, most counters a window,
# seconds a source is counted.
COUNT_SCRIPT = """
if KEYS[3] ~= "" then
  local seen = redis.call("INCR", KEYS[3])
  if seen == 1 then redis.call("EXPIRE", KEYS[3], ARGV[7]) end
  if seen > tonumber(ARGV[3]) then return 0 end
end
if redis.call("HLEN", KEYS[1]) >= tonumber(ARGV[6])
   and redis.call("HEXISTS", KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call("HINCRBY", KEYS[1], ARGV[1], ARGV[2])
redis.call("EXPIRE", KEYS[1], ARGV[4])
redis.call("SADD", KEYS[2], ARGV[5])
redis.call("EXPIRE", KEYS[2], ARGV[4])
return 1
"""


class RedisBuffer:
    """A hash per window in Redis, and a set naming the windows: one round trip a beacon."""

    def __init__(self, redis_cache: RedisCache):
        self.cache = redis_cache
        self.script: Any = None
        self.away_until = 0.0

    def _client(self) -> Any:
        # Django's client for the cache, whose connection pool the cache itself uses.
        return cast(Any, self.cache)._cache.get_client(write=True)

    def _key(self, name: str) -> str:
        return self.cache.make_key(name)

    def count(self, window: int, name: str, delta: int, source: str, limit: int) -> None:
        if time.monotonic() < self.away_until:
            return
        try:
            if self.script is None:
                self.script = self._client().register_script(COUNT_SCRIPT)
            self.script(
                keys=[
                    self._key(f"reach:{window}"),
                    self._key("reach:windows"),
                    self._key(source) if source else "",
                ],
                args=[
                    name,
                    delta,
                    limit,
                    KEPT_SECONDS,
                    window,
                    MAX_COUNTERS_PER_WINDOW,
                    SOURCE_SECONDS,
                ],
                client=self._client(),
            )
        except Exception:
            # Redis away or hung: leave it alone a while, as the cache itself does.
            self.away_until = time.monotonic() + AWAY_SECONDS
            raise

    def pending(self, windows: range) -> list[int]:
        listed = self._client().smembers(self._key("reach:windows"))
        return sorted(w for w in (int(m) for m in listed) if w in windows)

    def read(self, window: int) -> dict[str, int]:
        counts = self._client().hgetall(self._key(f"reach:{window}"))
        return {name.decode(): int(value) for name, value in counts.items()}

    def forget(self, window: int) -> None:
        client = self._client()
        client.delete(self._key(f"reach:{window}"))
        client.srem(self._key("reach:windows"), window)


_buffers: dict[int, CacheBuffer | RedisBuffer] = {}


def current_buffer() -> CacheBuffer | RedisBuffer:
    """The buffer on the default cache (a new one when tests swap the cache)."""
    backend = caches["default"]
    buffer = _buffers.get(id(backend))
    if buffer is None:
        _buffers.clear()
        buffer = _buffers[id(backend)] = (
            RedisBuffer(backend) if isinstance(backend, RedisCache) else CacheBuffer()
        )
    return buffer


def count(name: str, delta: int = 1, source: str = "", limit: int = 0) -> None:
    """``delta`` more of ``name`` now; with ``source``, only while it is under ``limit``."""
    try:
        current_buffer().count(current_window(), name, delta, source, limit)
    except Exception:  # the buffer away costs this count, never the reader's request
        logger.warning("Reach buffer unavailable: a count was dropped", exc_info=True)
