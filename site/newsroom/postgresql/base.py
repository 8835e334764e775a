"""PostgreSQL that a restart does not fail: opening a connection is retried for a few seconds.

Persistent connections are checked before each request (``CONN_HEALTH_CHECKS``), so after a
restart every worker opens a new one; a request that needs it while PostgreSQL is still
coming back (a restart or a failover takes a second or two) waits for it instead of
answering 500. Only the requests in flight when the server went down fail.
``OPTIONS["connect_retry_seconds"]`` bounds the wait (0, the default: Django's behaviour).
"""

import logging
import time
from typing import Any

import psycopg
from django.db.backends.postgresql import base

logger = logging.getLogger("newsroom.database")

FIRST_PAUSE = 0.1
LONGEST_PAUSE = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's PostgreSQL wrapper whose new connections are retried until a deadline."""

    connect_retry_seconds = 0.0

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        self.connect_retry_seconds = float(params.pop("connect_retry_seconds", 0) or 0)
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        deadline = time.monotonic() + self.connect_retry_seconds
        pause = FIRST_PAUSE
        while True:
            try:
                return super().get_new_connection(conn_params)
            except psycopg.OperationalError as error:
                if time.monotonic() + pause > deadline:
                    raise
                logger.warning("PostgreSQL refused a connection, trying again: %s", error)
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
