"""WSGI entry point: `gunicorn --pythonpath site newsroom.wsgi`.

Django's application, wrapped so that a page in Django's page cache is answered before Django
builds a request's response (newsroom/front_cache/page_cache.py).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
django_application = get_wsgi_application()

from newsroom.front_cache.page_cache import PageCacheApplication  # noqa: E402  needs settings

application = PageCacheApplication(django_application)
