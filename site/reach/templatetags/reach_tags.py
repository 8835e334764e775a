"""``{% reach_beacon page %}``: the script that counts a read of the story being shown."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language

from reach.beacon import BEACON_PATH

register = template.Library()


@register.simple_tag(takes_context=True)
def reach_beacon(context, page) -> str:
    """A deferred script from the site (the CSP allows no inline one); nothing in previews."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    return format_html(
        '<script src="{}" data-story="{}" data-language="{}" data-endpoint="{}" defer></script>',
        static("reach/beacon.js"),
        page.pk,
        get_language(),
        BEACON_PATH,
    )
