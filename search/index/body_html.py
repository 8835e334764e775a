"""A story's body as HTML for partners' systems: plain markup, links root-relative.

Rendered once, when the story is indexed, so that full-text feeds need no database.
The body's block templates render plain images and links when ``for_partners`` is set.
Feeds make its links absolute with ``absolute_urls`` and the host of the site the reader
asked, so the index holds no host.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.utils.translation import override
from wagtail.blocks import StreamBlock, StreamValue

# Django and Wagtail always write attributes with double quotes; "//host" is left alone.
RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolute_urls(html: str, base_url: str) -> str:
    """``html`` with root-relative links and sources made absolute against ``base_url``."""
    base = base_url.rstrip("/")
    return RELATIVE_URL.sub(lambda match: f'{match[1]}{base}{match[2]}"', html)


def partner_body_html(
    stream_block: StreamBlock, raw_body: Sequence[dict[str, Any]], language: str, base_url: str = ""
) -> str:
    """The body rendered for partners in ``language``; URLs absolute only with a ``base_url``."""
    if not raw_body:
        return ""
    value = StreamValue(stream_block, list(raw_body), is_lazy=True)
    with override(language):
        html = stream_block.render(value, context={"for_partners": True})
    return absolute_urls(str(html), base_url)
