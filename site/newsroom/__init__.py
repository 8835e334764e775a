"""The Django project: settings, URL wiring, health checks, site-wide templates and static.

It lives in the top-level ``site/`` folder but imports as ``newsroom``: ``site`` is a
standard-library module name, so ``manage.py``, WSGI and pytest put ``site/`` on the path.
"""
