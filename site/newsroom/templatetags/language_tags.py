"""The languages a page can be read in: the language switcher, hreflang and canonical links.

A page served by Wagtail offers the languages ``content.frame.readable_languages`` names (a
story those it is live in, any other page all of them); a page of a view (search, the feeds
index, a 404 no page answered) offers every language, at the same path under its prefix.
Absolute URLs are built on the request's own scheme and host, the Site's as readers reach
it: never the host a Site row or ``WAGTAILADMIN_BASE_URL`` holds.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override
from wagtail.models import Page

from content.frame import readable_languages
from content.models import site_root_paths
from newsroom.serving import reader_generation

register = template.Library()

# The readers' generation keys these entries (newsroom/serving.py): this bounds only what an
# entry nobody asks for again costs the cache.
LANGUAGES_CACHE_SECONDS = 24 * 60 * 60


LANGUAGE_NAMES = dict(settings.LANGUAGES)


def language_link(request: HttpRequest | None, code: str, url: str) -> dict[str, str]:
    full_url = request.build_absolute_uri(url) if request is not None else url
    return {"code": code, "name": LANGUAGE_NAMES[code], "url": url, "full_url": full_url}


def page_links(request: HttpRequest | None, page) -> list[dict[str, str]]:
    site_root_paths(get_language())  # every language's, in one query if the cache has none
    links = []
    for code in readable_languages(page):
        with override(code):
            url = page.get_url(request)
        if url:
            links.append(language_link(request, code, url))
    return links


def view_links(request: HttpRequest) -> list[dict[str, str]]:
    """The request's path in each language, for a view outside the page tree (``i18n_patterns``).

    A path that names no page (a 404 of the page tree) leads to each language's home page.
    """
    match = request.resolver_match
    links = []
    for code, _name in settings.LANGUAGES:
        if match is None or match.url_name == "wagtail_serve":
            with override(code):
                url = reverse("wagtail_serve", args=[""])
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(language_link(request, code, url))
    return links


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """Code, name, URL and absolute URL of each language ``page`` (or the view) is read in.

    A page's are cached per page, language and host until readers' content changes: each
    language's URL costs a switch of language and a lookup of the sites' root paths.
    """
    request = context.get("request")
    if not isinstance(page, Page):  # a view's page, or a 404's, which has none
        return view_links(request) if request is not None else []
    if request is None or getattr(request, "is_preview", False):  # a draft's own languages
        return page_links(request, page)
    key = (
        f"page-languages:{reader_generation(request)}:{request.scheme}:{request.get_host()}:"
        f"{page.pk}:{get_language()}"
    )
    return cache.get_or_set(key, lambda: page_links(request, page), LANGUAGES_CACHE_SECONDS)


@register.simple_tag
def missing_languages(languages):
    """The site's languages a page is not read in, given the links ``page_languages`` made."""
    present = {link["code"] for link in languages}
    return [code for code, _name in settings.LANGUAGES if code not in present]
