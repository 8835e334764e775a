"""Gunicorn settings for the newsroom: `gunicorn -c deploy/gunicorn.conf.py`."""

import multiprocessing
import os

pythonpath = "site"
wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
# A worker is replaced now and then, so that a slow leak cannot grow; not often, since a new
# worker loads Django and the newsroom again (about two seconds of a core): at the 1,500
# cached pages a second a machine serves, 2,000 requests was a restart every few seconds.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = "-"
# Partners may put their feed token in the query string: the access log masks it.
logger_class = "newsroom.gunicorn_access_log.TokenMaskingLogger"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
