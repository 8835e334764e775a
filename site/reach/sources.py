"""A flood from one source is cut short, without the source's address being kept anywhere.

The address is hashed with a salt that changes every hour and lives only in the cache, and
only 24 bits of the hash are kept, so that each key stands for hundreds of addresses at once
and lasts two minutes: enough to count a source's beacons in the current minute, never enough
to find the source again.
"""

import hashlib
import secrets
import time

from django.core.cache import cache
from django.http import HttpRequest

from reach.buffer import current_window

BEACONS_PER_MINUTE = 120  # a newsroom's office behind one address reads a lot, not this much
SALT_SECONDS = 60 * 60
TRUSTED_PROXIES = frozenset({"127.0.0.1", "::1"})  # nginx and Varnish on the same machine

_salts: dict[int, str] = {}


def source_address(request: HttpRequest) -> str:
    """The reader's address as the last proxy we trust saw it (never stored)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for address in reversed([a.strip() for a in forwarded.split(",") if a.strip()]):
        if address not in TRUSTED_PROXIES:
            return address
    return request.META.get("REMOTE_ADDR", "")


def _salt(now: float) -> str:
    hour = int(now // SALT_SECONDS)
    salt = _salts.get(hour)
    if salt is None:
        # Shared by every process through the cache; gone when the cache forgets it.
        cache.add(f"reach:salt:{hour}", secrets.token_hex(16), SALT_SECONDS * 2)
        salt = cache.get(f"reach:salt:{hour}") or secrets.token_hex(16)
        _salts.clear()
        _salts[hour] = salt
    return salt


def source_key(request: HttpRequest, now: float | None = None) -> str:
    """The cache key that counts this request's source's beacons in the current minute."""
    now = time.time() if now is None else now
    digest = hashlib.blake2b(
        source_address(request).encode(), key=_salt(now).encode(), digest_size=8
    ).hexdigest()[:6]
    return f"reach:src:{current_window(now)}:{digest}"
