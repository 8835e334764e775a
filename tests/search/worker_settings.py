"""Settings for a worker that a test starts as a process of its own (``manage.py ...``).

The test settings, with the database as the task queue and persistent connections checked
before use as in production; the test passes its database (DATABASE_URL) and its search
node, index prefix and timeout through the environment.
"""

import os

from newsroom.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
_timeout = float(os.environ.get("NEWSROOM_TEST_SEARCH_TIMEOUT") or 2)
NEWSROOM_SEARCH = {
    **NEWSROOM_SEARCH,  # noqa: F405
    "url": os.environ.get("NEWSROOM_TEST_SEARCH_URL") or None,
    "index_prefix": os.environ.get("NEWSROOM_TEST_INDEX_PREFIX", "test-newsroom"),
    "timeout": _timeout,
    "admin_timeout": _timeout,
}
