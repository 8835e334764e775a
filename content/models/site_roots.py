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
from django.http.request import split_domain_port
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

# As wagtail-modeltranslation keeps them (patch_wagtailadmin._localized_site_get_site_root_paths).
CACHE_KEY = "wagtail_site_root_paths_{}"
CACHE_SECONDS = 3600


def cache_keys() -> dict[str, str]:
    return {code: CACHE_KEY.format(code) for code, _name in settings.LANGUAGES}


def site_root_paths(language: str) -> list[SiteRootPath]:
    """Every site's root in ``language``, most specific first: modeltranslation's list.

    An entry of any language missing (a cold cache) reads the sites once for all of them.
    """
    keys = cache_keys()
    found = cache.get_many(keys.values())
    if keys.get(language) not in found or len(found) < len(keys):
        found = remember_roots(read_sites())
    rows = found.get(keys.get(language, ""), [])
    return [SiteRootPath(*row) for row in rows]


def site_for_request(request) -> Site | None:
    """The request's site, as ``Site.find_for_request`` chooses it, and every site's roots.

    One query for both: serving a page asks for its site, and building its URLs for the
    roots. The choice follows Wagtail's ``get_site_for_hostname`` over the same rows.
    """
    sites = read_sites()
    remember_roots(sites)
    hostname = split_domain_port(request._get_raw_host())[0]
    return choose_site(sites, hostname, request.get_port())


def choose_site(sites: list[Site], hostname: str, port) -> Site | None:
    """Wagtail's choice: host and port, then host on the default site, then the default."""

    def match(site):
        if site.hostname == hostname and str(site.port) == str(port):
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=match
    )
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (0, 1):
        return candidates[0]
    if match(candidates[0]) == 2:  # the default; a single site of this host is preferred
        return candidates[len(candidates) == 2]
    return None


def read_sites() -> list[Site]:
    return list(Site.objects.select_related("root_page", "root_page__locale"))


def remember_roots(sites: list[Site]) -> dict[str, list[tuple]]:
    """Every language's roots of ``sites``, kept under modeltranslation's keys."""
    every = _roots_in_every_language(sites)
    keys = cache_keys()
    found = {keys[code]: rows for code, rows in every.items()}
    cache.set_many(found, CACHE_SECONDS)
    return found


def _roots_in_every_language(sites: list[Site]) -> dict[str, list[tuple]]:
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
