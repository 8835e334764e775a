"""The frame in the reader's language: the site's name, the main menu, a frame page's text.

Text that fell back to another language (``content.frame``) is marked with the language it
is in, so that a browser, a screen reader or a translation tool reads it as what it is.
"""

from django import template
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from wagtail.models import Page, Site

from content.frame import FrameText, text_in
from content.models import site_root_paths
from newsroom.serving import reader_generation

register = template.Library()

# The readers' generation keys these entries (newsroom/serving.py).
FRAME_CACHE_SECONDS = 24 * 60 * 60


def frame_pages(request: HttpRequest, site: Site) -> list[Page]:
    """The site's home page and its live children (sections, index pages), once a request.

    The menu, the breadcrumbs and the links to taxonomy indexes are all made of them: one
    query, their base rows (titles and URL paths are there, in every language).
    """
    known = request.__dict__.setdefault("_frame_pages", {})
    if site.pk not in known:
        home = site.root_page
        known[site.pk] = [home, *home.get_children().live().order_by("path")]
    return known[site.pk]


def site_frame(context) -> dict:
    """The request's site's name and menu in the active language, cached with the generation.

    One entry for both: they come from the same rows (the site's root page and its children).
    A section renamed, added or hidden, or the home page retitled, advances the generation.
    """
    request = context.get("request")
    if request is None:
        return {"site_name": FrameText("", get_language()), "menu": []}
    language = get_language()
    known = request.__dict__.setdefault("_site_frames", {})
    if language in known:
        return known[language]
    site = Site.find_for_request(request)

    def build():
        if site is None:
            return {"site_name": FrameText("", language), "menu": []}
        site_root_paths(language)  # every language's, in one query: the switcher's too
        pages = [page for page in frame_pages(request, site)[1:] if page.show_in_menus]
        return {
            "site_name": text_in(site.root_page, "title", language),
            "menu": [
                {"title": text_in(page, "title", language), "url": page.get_url(request)}
                for page in pages
            ],
        }

    site_key = site.pk if site is not None else "none"
    key = f"site-frame:{reader_generation(request)}:{site_key}:{language}"
    known[language] = cache.get_or_set(key, build, FRAME_CACHE_SECONDS)
    return known[language]


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The site's name (its home page's title) as text, for ``<title>``."""
    return site_frame(context)["site_name"].text or gettext("Newsroom")


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """Title (a ``FrameText``) and URL of the site's top-level pages shown in menus."""
    return site_frame(context)["menu"]


@register.simple_tag(takes_context=True)
def frame_text(context, instance, field: str):
    """``field`` of a frame page or snippet in the reader's language, marked if it fell back."""
    return in_language(text_in(instance, field, get_language()))


@register.filter
def in_language(text: FrameText):
    """A ``FrameText`` as HTML: in a ``<span lang>`` when it is not in the page's language."""
    if text.language == get_language():
        return text.text
    return format_html('<span lang="{}" dir="auto">{}</span>', text.language, text.text)


@register.simple_tag
def tag_name(tag):
    """A story's tag by the name readers of the page's language see, marked if it fell back."""
    return in_language(tag.label_in(get_language()))
