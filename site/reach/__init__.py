"""Reach: what each story, language, partner and search reaches, counted without tracking anyone.

Readers' pages send a beacon (``beacon``) that is counted in the shared cache (``buffer``)
and folded into daily aggregates in the database by the background worker (``folding``).
Nothing that could name a reader is stored: no cookie, address or user agent.
"""

# Where readers' pages send the beacon. Here, free of Django's settings, so that gunicorn's
# logger (newsroom/gunicorn_access_log.py) can leave beacons out before Django is set up.
BEACON_PATH = "/reach/beacon"
