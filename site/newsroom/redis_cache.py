"""Django's Redis cache backend, made to miss instead of fail when Redis is away.

Production keeps its cache and sessions in Redis (sessions also in the database, through
``cached_db``). Redis stopped, restarting or hung must cost readers a slower page, never an
error: each operation that fails is logged and answered as a miss, and the process then
leaves Redis alone for ``OPTIONS["retry_after"]`` seconds (default 5), so that a hung server
costs one socket timeout, not one per cache call.
"""

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from newsroom.read_ahead import ReadAheadCache

logger = logging.getLogger("newsroom.cache")

DEFAULT_RETRY_AFTER = 5.0


def _tolerant(operation: Callable[..., Any], miss: Callable[..., Any]) -> Callable[..., Any]:
    """``operation`` of Django's client, answered by ``miss(*its arguments)`` while Redis fails."""

    @functools.wraps(operation)
    def tolerant(client: "ResilientRedisCacheClient", *args: Any) -> Any:
        if time.monotonic() < client.away_until:
            return miss(*args)
        try:
            return operation(client, *args)
        except RedisError as error:
            client.away_until = time.monotonic() + client.retry_after
            logger.warning(
                "Redis cache unavailable, serving without it for %.0f s: %s",
                client.retry_after,
                error,
            )
            return miss(*args)

    return tolerant


def _nothing(*args: Any) -> None:
    return None


def _false(*args: Any) -> bool:
    return False


def _the_default(key: str, default: Any) -> Any:
    return default


def _no_keys(keys: Any) -> dict:
    return {}


def _not_found(key: str, delta: int) -> int:
    raise ValueError(f"Key {key!r} not found: the cache is unavailable")


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's client, whose operations answer as misses while Redis fails."""

    def __init__(self, servers: list[str], retry_after: float = DEFAULT_RETRY_AFTER, **options):
        super().__init__(servers, **options)
        self.retry_after = float(retry_after)
        self.away_until = 0.0
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django builds a new redis-py client for each operation, which copies its table of
        # about 200 response callbacks: half a millisecond of a page's five or six cache
        # reads. A client is only a view of its connection pool, safe to share: one a pool.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    add = _tolerant(RedisCacheClient.add, _false)
    get = _tolerant(RedisCacheClient.get, _the_default)
    set = _tolerant(RedisCacheClient.set, _nothing)
    touch = _tolerant(RedisCacheClient.touch, _false)
    delete = _tolerant(RedisCacheClient.delete, _false)
    get_many = _tolerant(RedisCacheClient.get_many, _no_keys)
    has_key = _tolerant(RedisCacheClient.has_key, _false)
    incr = _tolerant(RedisCacheClient.incr, _not_found)
    set_many = _tolerant(RedisCacheClient.set_many, _nothing)
    delete_many = _tolerant(RedisCacheClient.delete_many, _nothing)
    clear = _tolerant(RedisCacheClient.clear, _false)


class ResilientRedisCache(ReadAheadCache, RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` on ``ResilientRedisCacheClient``.

    A page's reads come in one round trip, read ahead (newsroom/read_ahead.py).
    """

    def __init__(self, server: str, params: dict[str, Any]):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
