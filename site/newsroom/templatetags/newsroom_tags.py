"""Template tags for the site's chrome: main menu, language switcher, hreflang alternates."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, override
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Code, name, URL and absolute URL of each language the page has text of its own in."""
    request = context.get("request")
    translations = []
    for code, name in settings.LANGUAGES:
        if not page.is_written_in(code):
            continue
        with override(code):
            url, full_url = page.get_url(request), page.get_full_url(request)
        if url:
            translations.append({"code": code, "name": name, "url": url, "full_url": full_url})
    return translations


MENU_CACHE_SECONDS = 300


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Title and URL of the site's top-level pages shown in menus, cached per site and language.

    The menu is on every page; caching it keeps it from adding queries to each one.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def build():
        pages = site.root_page.get_children().live().in_menu().specific()
        return [{"title": page.title, "url": page.get_url(request)} for page in pages]

    return cache.get_or_set(f"main-menu:{site.pk}:{get_language()}", build, MENU_CACHE_SECONDS)
