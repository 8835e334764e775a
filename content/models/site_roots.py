"""Where each site's root is in each language, read for all languages in one query.

Wagtail turns a page's ``url_path`` into a URL by the site roots' paths; with translated
slugs wagtail-modeltranslation keeps one list per language in the cache
(``wagtail_site_root_paths_<language>``, cleared when a Site or a root page is saved) and
reads the sites again for each language it misses. A page offering nine languages (its
switcher, hreflang, a story's other languages) would read them nine times on an empty
cache: here one query fills every language's entry at once, in the form modeltranslation
reads, so that its own invalidation still applies.
"""

from django.conf import settings
from django.core.cache import cache
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

# As wagtail-modeltranslation keeps them (patch_wagtailadmin._localized_site_get_site_root_paths).
CACHE_KEY = "wagtail_site_root_paths_{}"
CACHE_SECONDS = 3600


def site_root_paths(language: str) -> list[SiteRootPath]:
    """Every site's root in ``language``, most specific first: modeltranslation's list.

    An entry of any language missing (a cold cache) reads the sites once for all of them.
    """
    keys = {code: CACHE_KEY.format(code) for code, _name in settings.LANGUAGES}
    found = cache.get_many(keys.values())
    if keys.get(language) not in found or len(found) < len(keys):
        every = _read_all_languages()
        cache.set_many({keys[code]: rows for code, rows in every.items()}, CACHE_SECONDS)
        found = {keys[code]: rows for code, rows in every.items()}
    rows = found.get(keys.get(language, ""), [])
    return [SiteRootPath(*row) for row in rows]


def _read_all_languages() -> dict[str, list[tuple]]:
    sites = list(Site.objects.select_related("root_page", "root_page__locale"))
    every = {}
    source = build_localized_fieldname("url_path", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    for code, _name in settings.LANGUAGES:
        column = build_localized_fieldname("url_path", code)
        rows = [
            (
                site.id,
                getattr(site.root_page, column) or getattr(site.root_page, source),
                site.root_url,
                site.root_page.locale.language_code,
            )
            for site in sites
        ]
        every[code] = sorted(rows, key=lambda row: row[1], reverse=True)
    return every
