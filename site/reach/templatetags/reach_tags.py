"""``{% reach_beacon page %}`` and ``{% reach_search_beacon result %}``: the script that counts.

A deferred script from the site (the CSP allows no inline one), its data in attributes.
Previews count nothing.
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from reach.beacon import BEACON_PATH
from reach.searches import keepable_query, search_signature

register = template.Library()


def _beacon_script(context, **data) -> str:
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    attributes = format_html_join(
        " ", 'data-{}="{}"', sorted({**data, "endpoint": BEACON_PATH}.items())
    )
    return format_html('<script src="{}" {} defer></script>', static("reach/beacon.js"), attributes)


@register.simple_tag(takes_context=True)
def reach_beacon(context, page) -> str:
    """Counts a read of ``page``, the story shown, in the language shown."""
    return _beacon_script(context, story=page.pk, language=get_language())


@register.simple_tag(takes_context=True)
def reach_search_beacon(context, result) -> str:
    """Counts a search whose first page ``result`` is, and its words if it found nothing."""
    if not result or result.request.page != 1:
        return ""
    language, found = get_language(), result.total > 0
    query = "" if found else keepable_query(result.request.query)
    return _beacon_script(
        context,
        language=language,
        query=query,
        found=int(found),
        signature=search_signature(language, found, query),
    )
