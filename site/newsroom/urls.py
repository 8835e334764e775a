"""URL wiring: the admin and health check at fixed paths, reader pages under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsroom import serving
from newsroom.health import health
from search.reader import autocomplete, search_page
from search.syndication import robots_txt, sitemap_index, sitemap_section
from search.syndication.feeds import urls as feed_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", health, name="health"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
]

# Wagtail's own URLs, its page view replaced by ours, which finds the page faster (serving.py).
wagtail_pages = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
]

urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    path("search/suggest/", autocomplete, name="search_autocomplete"),
    path("", include(feed_urls)),
    path("", include("reach.urls")),
    path("", include(wagtail_pages)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
