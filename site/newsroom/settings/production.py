"""Production settings: PostgreSQL, secrets and hosts from the environment, HTTPS only."""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from newsroom.caches import production_caches, redis_cache

from .base import *  # noqa: F403


def env(name: str, default: str | None = None) -> str:
    """Read a required setting from the environment, failing clearly when it is missing."""
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in env("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
# The front cache and load balancers on this machine check /healthz by its loopback address,
# over plain HTTP: it answers them instead of refusing the host or redirecting to HTTPS.
ALLOWED_HOSTS += ["127.0.0.1", "localhost"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Persistent connections, checked before each request's (or task's) first query: after a
# PostgreSQL restart the dead connection is replaced instead of failing that request.
_database = dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
DATABASES = {
    "default": (
        {
            **_database,
            # A new connection waits up to 5 s for a restarting server (newsroom/postgresql/).
            "ENGINE": "newsroom.postgresql",
            "OPTIONS": {**_database.get("OPTIONS", {}), "connect_retry_seconds": 5},
        }
        if _database["ENGINE"] == "django.db.backends.postgresql"
        else _database  # SQLite: make bench-site measures on it, as the plain-Wagtail anchor runs
    )
}
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

# One circuit for all the web workers of a machine (search/index/client.py): a hung node
# costs the machine three timeouts, not three per worker. One file per node URL and prefix.
_search_name = f"{NEWSROOM_SEARCH['url']}|{NEWSROOM_SEARCH['index_prefix']}"  # noqa: F405
# gunicorn's workers on this machine (deploy/gunicorn.conf.py reads the same variable).
_web_workers = int(os.environ.get("GUNICORN_WORKERS") or (os.cpu_count() or 1) * 2 + 1)
NEWSROOM_SEARCH = {
    **NEWSROOM_SEARCH,  # noqa: F405
    # Readers' requests waiting on Elasticsearch at once on this machine (search/index/
    # in_flight.py): one fewer than the web workers, so that a hung node never holds them all
    # and pages are served meanwhile. A search that finds none free waits slot_wait seconds
    # at most, then falls back; a request unanswered for hung_after seconds while the node
    # answers nobody makes the others fall back at once.
    "reader_slots": int(env("NEWSROOM_SEARCH_READER_SLOTS", str(max(1, _web_workers - 1)))),
    "slot_wait": float(env("NEWSROOM_SEARCH_SLOT_WAIT", "0.1")),
    "hung_after": float(env("NEWSROOM_SEARCH_HUNG_AFTER", "0.15")),
    # A reader's search waits at least this long for a warm node (four times its worker's
    # recent pace when longer), not the full read timeout that indexing and a worker's first
    # search get: a worker held by a hung node holds the pages queued behind it too.
    "reader_timeout": float(env("NEWSROOM_SEARCH_READER_TIMEOUT", "0.3")),
    # One replica of every index: the cluster of three loses a node without readers noticing.
    "replicas": int(env("NEWSROOM_SEARCH_REPLICAS", "1")),
    "circuit_file": env(
        "NEWSROOM_SEARCH_CIRCUIT_FILE",
        str(
            Path(tempfile.gettempdir())
            / f"newsroom-search-{hashlib.sha256(_search_name.encode()).hexdigest()[:12]}.circuit"
        ),
    ),
}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = env("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "static"))  # noqa: F405
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsroom@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# The cache and sessions in Redis (Django's own backend, made to miss instead of failing when
# Redis is away: newsroom/redis_cache.py). Sessions are also written to the database, so a
# Redis restart logs nobody out. Without REDIS_URL (one small machine), the database caches.
REDIS_URL = env("REDIS_URL", "")
_shared_cache = (
    redis_cache(REDIS_URL, env("NEWSROOM_CACHE_PREFIX", "newsroom"))
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsroom_cache",
    }
)
CACHES = production_caches(_shared_cache)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The HTTP cache in front (Varnish, deploy/varnish/): Wagtail's frontend cache module sends
# it a PURGE for each URL that changed (newsroom/front_cache/). Several caches, several URLs.
# Django's own page cache, in the shared cache, hears the same purges (off: every request
# renders, as the load bench measures renders).
NEWSROOM_PAGE_CACHE = env("NEWSROOM_PAGE_CACHE", "true").lower() == "true"
WAGTAILFRONTENDCACHE = {
    "page-cache": {"BACKEND": "newsroom.front_cache.page_cache.PageCacheBackend"},
    **{
        f"front-cache-{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location.strip(),
        }
        for number, location in enumerate(env("NEWSROOM_FRONT_CACHES", "").split(","), 1)
        if location.strip()
    },
}
