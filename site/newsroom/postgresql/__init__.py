"""Django's PostgreSQL backend, waiting out a restart (``base.DatabaseWrapper``)."""
