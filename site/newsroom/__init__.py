"""The Django project that serves the newsroom: settings, URL wiring, health checks, site-wide templates.

It lives in the top-level ``site/`` folder but imports as ``newsroom``: ``site`` is a
standard-library module name, so ``manage.py``, WSGI and pytest put ``site/`` on the path.
"""
