"""Views of the sitemaps and robots.txt: the requesting site's sitemaps, found from its host."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from search.syndication.sitemaps import NewsSitemap, PageSitemap

SECTION_TEMPLATES = {"pages": "sitemap.xml", "news": "search/sitemaps/news.xml"}


def sitemap_paths() -> list[str]:
    """The paths of every sitemap: what a new or withdrawn story changes outside its language."""
    sections = (reverse("sitemap_section", args=[section]) for section in SECTION_TEMPLATES)
    return [reverse("sitemap_index"), *sections]


def _sitemaps(request: HttpRequest) -> dict[str, Sitemap | type[Sitemap]]:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return {"pages": PageSitemap(site), "news": NewsSitemap(site)}


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, _sitemaps(request), sitemap_url_name="sitemap_section")


@require_GET
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SECTION_TEMPLATES:
        raise Http404
    return sitemap_views.sitemap(
        request,
        {section: _sitemaps(request)[section]},
        section=section,
        template_name=SECTION_TEMPLATES[section],
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
