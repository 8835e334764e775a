"""The text a translation check reads, from plain text or rich text HTML.

Tags are dropped and external link targets set aside; the text is composed (NFC) and every
script's digits are read as ASCII digits.
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

_TAG = re.compile(r"<[A-Za-z/!][^>]*>")

# Arabic-Indic, Extended Arabic-Indic (Persian, Urdu) and fullwidth digits.
_ASCII_DIGITS = str.maketrans(
    {chr(zero + value): str(value) for zero in (0x0660, 0x06F0, 0xFF10) for value in range(10)}
)

# Tags that can sit inside a word or a number ("1<b>2</b>") join their text; any other tag
# (a paragraph, a list item, a line break) separates it, so that blocks never run together.
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "mark", "s", "small", "span", "strong", "sub", "sup", "u"}
)
_LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class CheckedText:
    """A field's text, twice: as written, and with ASCII digits (both of the same length)."""

    written: str
    text: str
    links: tuple[str, ...] = ()


class _RichTextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Only external links: Wagtail's internal links (linktype="page") point at a page id,
        # which a translation legitimately changes.
        href = (dict(attrs).get("href") or "").strip() if tag == "a" else ""
        if href.lower().startswith(_LINK_SCHEMES):
            self.links.append(href)
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def ascii_digits(text: str) -> str:
    """``text`` with Arabic-Indic, Persian and fullwidth digits written as 0-9."""
    return text.translate(_ASCII_DIGITS)


def read_text(raw: str) -> CheckedText:
    """Plain text or rich text HTML as a check reads it."""
    links: tuple[str, ...] = ()
    if _TAG.search(raw):
        reader = _RichTextReader()
        reader.feed(raw)
        reader.close()
        raw, links = "".join(reader.parts), tuple(reader.links)
    written = unicodedata.normalize("NFC", raw)
    return CheckedText(
        written=written,
        text=ascii_digits(written),
        links=tuple(ascii_digits(unicodedata.normalize("NFC", link)) for link in links),
    )
