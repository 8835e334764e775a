"""Settings for a developer's machine: SQLite and database search, mail on the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105  a known key is the point of dev settings
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# One process, no worker to start: background tasks (search index updates, the index
# outbox) run as soon as they are queued. Production queues them for `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
