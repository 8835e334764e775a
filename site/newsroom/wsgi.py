"""WSGI entry point: `gunicorn --pythonpath site newsroom.wsgi`.

Django's application, wrapped so that readers' beacons (reach/beacon.py) and pages in Django's
page cache (newsroom/front_cache/page_cache.py) are answered before Django builds a response.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
django_application = get_wsgi_application()

from newsroom.front_cache.page_cache import PageCacheApplication  # noqa: E402  needs settings
from reach.beacon import BeaconApplication  # noqa: E402  needs settings

application = BeaconApplication(PageCacheApplication(django_application))
