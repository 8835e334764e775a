"""``|isolate_ltr``: left-to-right runs kept in order on right-to-left pages (content.bidi)."""

from django import template
from django.utils.translation import get_language_bidi

from content.bidi import isolate

register = template.Library()


@register.filter(is_safe=True)
def isolate_ltr(value):
    """On a right-to-left page, ``value`` with its left-to-right runs isolated.

    Document numbers, URLs, numbers and Latin words; elsewhere ``value`` is left as it is
    (and escaped as usual if not marked safe).
    """
    if value in (None, "") or not get_language_bidi():
        return value
    return isolate(value)
