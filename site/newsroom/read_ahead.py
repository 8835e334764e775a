"""A page's cache reads, asked for in one round trip: those its path's last render made.

A rendered article reads the shared cache six or seven times (the site's frame, the
alternates, the menu, the switcher, the head, the story, the related stories), one round
trip to Redis each, each a wait of the sync worker. Which entries a page reads depends on the
page, the readers' generation, the host and scheme and language, not on the reader: serving
(newsroom/serving.py) remembers, under those, the keys a render of the path read, and the
next request asks for all of them at once before it renders. The render then reads them
from what came back, and still asks the cache for any it does not hold.

Only while a request is served, and only ``ReadAheadCache``'s reads: a write or deletion of
an entry in the request forgets what was read ahead of it, so the next read asks the cache.
"""

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT

_current: ContextVar["ReadAhead | None"] = ContextVar("newsroom_read_ahead", default=None)


class ReadAhead:
    """What the cache held for the keys asked at once, and which keys the request then read."""

    def __init__(self, found: dict[str, Any], asked: Iterable[str]):
        self.found = found
        self.absent = set(asked) - found.keys()
        self.read: dict[str, None] = {}  # in the order read, each once

    def forget(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.found.pop(key, None)
            self.absent.discard(key)


def start(cache, keys: list[str] | None) -> ReadAhead | None:
    """Read ``keys`` from ``cache`` at once for the request about to be served.

    None (and nothing read) when the cache cannot read ahead: each read is then its own trip.
    """
    if not isinstance(cache, ReadAheadCache):
        return None
    keys = keys or []
    ahead = ReadAhead(cache.get_many(keys) if keys else {}, keys)
    _current.set(ahead)
    return ahead


def stop() -> ReadAhead | None:
    """The request's reads are over: later reads ask the cache. What was read, if anything."""
    ahead = _current.get()
    _current.set(None)
    return ahead


def _reading(version: Any) -> ReadAhead | None:
    # Keys of another version are other entries: read as usual.
    return _current.get() if version is None else None


class ReadAheadCache:
    """A cache backend mixin: reads answered from the request's read-ahead when it holds them."""

    def get(self, key, default=None, version=None):
        ahead = _reading(version)
        if ahead is None:
            return super().get(key, default, version)
        ahead.read[key] = None
        if key in ahead.found:
            return ahead.found[key]
        if key in ahead.absent:
            return default
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        ahead = _reading(version)
        if ahead is None:
            return super().get_many(keys, version)
        keys = list(keys)
        ahead.read.update(dict.fromkeys(keys))
        found = {key: ahead.found[key] for key in keys if key in ahead.found}
        rest = [key for key in keys if key not in ahead.found and key not in ahead.absent]
        if rest:
            found.update(super().get_many(rest, version))
        return found

    def has_key(self, key, version=None):
        ahead = _reading(version)
        if ahead is not None and key in ahead.found:
            return True
        if ahead is not None and key in ahead.absent:
            return False
        return super().has_key(key, version)

    def _forget(self, keys: Iterable[str]) -> None:
        ahead = _current.get()
        if ahead is not None:
            ahead.forget(keys)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key])
        return super().add(key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key])
        return super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key])
        return super().touch(key, timeout, version)

    def delete(self, key, version=None):
        self._forget([key])
        return super().delete(key, version)

    def incr(self, key, delta=1, version=None):
        self._forget([key])
        return super().incr(key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(list(data))
        return super().set_many(data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._forget(keys)
        return super().delete_many(keys, version)

    def clear(self):
        ahead = _current.get()
        if ahead is not None:
            ahead.forget(list(ahead.found) + list(ahead.absent))
        return super().clear()
