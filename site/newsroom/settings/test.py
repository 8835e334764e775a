"""Settings for the test suite: fast hashing, in-memory media, tasks run at once.

DATABASE_URL selects PostgreSQL (as CI does); without it the tests use SQLite.
"""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105  tests need no secret
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Content built for a production server (tests/production_server.py) goes to that server's media.
MEDIA_ROOT = os.environ.get("NEWSROOM_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="newsroom-test-")
WAGTAILADMIN_BASE_URL = "http://testserver"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
NEWSROOM_ALLOW_DEMO = True  # the demo build is part of the tested behaviour
STATIC_ROOT = None  # WhiteNoise serves nothing in tests; the finders do

# Tests opt in to Elasticsearch through the `search_index` fixture, which points these at
# the node and at indices of the test's own; everything else runs on the database.
NEWSROOM_SEARCH = {**NEWSROOM_SEARCH, "url": None, "index_prefix": "test-newsroom"}  # noqa: F405
