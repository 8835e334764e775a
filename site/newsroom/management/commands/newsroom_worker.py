"""Run background tasks like ``db_worker``, but outlive a database restart.

django-tasks-db's worker exits on the first database error other than a locked SQLite
database (PostgreSQL restarting, a failover, a dropped connection). This one closes its
connections, waits (1, 2, 4... up to 30 seconds) and resumes; systemd's Restart=always stays
as the last resort. A task whose worker died mid-run is left RUNNING: ``search_drain --sweep``
recovers it.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("newsroom.worker")

MAX_WAIT = 30.0


class ResilientWorker(db_worker.Worker):
    """The database worker's loop, resumed after a database error instead of exiting."""

    def run(self) -> None:
        wait = 1.0
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return  # --batch or --max-tasks: done
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    raise
                if time.monotonic() - started > MAX_WAIT:
                    wait = 1.0  # it had recovered: a new outage starts the back-off again
                logger.warning("Database error, resuming in %.0f s: %s", wait, error)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, MAX_WAIT)
                self.startup_delay = False


class Command(db_worker.Command):
    help = "Run the database background worker, resuming after database errors"

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # db_worker's handle builds the worker by this name
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
