"""Template tags for the site's chrome: the language switcher and hreflang alternates."""

from django import template
from django.conf import settings
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Code, name, URL and absolute URL of each language the page has its own title in."""
    request = context.get("request")
    translations = []
    for code, name in settings.LANGUAGES:
        if not getattr(page, build_localized_fieldname("title", code), None):
            continue
        with override(code):
            url, full_url = page.get_url(request), page.get_full_url(request)
        if url:
            translations.append({"code": code, "name": name, "url": url, "full_url": full_url})
    return translations
