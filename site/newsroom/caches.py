"""Production's caches, as settings: the shared cache in Redis, renditions in each worker's memory.

The production settings build ``CACHES`` from here, and so do the tests that count a page's
queries, so that they count with the cache readers are served from.
"""

from typing import Any

# Wagtail looks renditions up in this cache when it exists: in each worker's memory, a search
# page's ten teasers cost no query (renditions never change once made).
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}


def redis_cache(url: str, key_prefix: str) -> dict[str, Any]:
    """The shared cache on the Redis at ``url``: a miss, never an error (redis_cache.py)."""
    return {
        "BACKEND": "newsroom.redis_cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        # A hung Redis costs one of these, then the process leaves it alone for retry_after.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry_after": 5},
    }


def production_caches(shared: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"default": shared, "renditions": RENDITIONS_CACHE}
