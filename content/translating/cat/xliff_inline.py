"""XLIFF 2.0 inline codes: rich text markup as ``<pc>`` and ``<ph>`` elements, and back.

Each HTML element becomes a ``<pc>`` (or a ``<ph>`` when it has no content) whose original
tags go to the unit's ``<originalData>``, so agencies' tools keep them intact; on import the
codes are put back as the source's own tags, and a missing, repeated or unknown code is an
error.
"""

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element, SubElement

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NS = "urn:oasis:names:tc:xliff:document:2.0"
VOID_ELEMENTS = {"br", "hr", "img", "wbr"}


class XliffError(ValidationError):
    """The file cannot be imported; nothing was changed."""


def qualified(tag: str) -> str:
    """An XLIFF 2.0 element's name with its namespace, as ElementTree writes it."""
    return f"{{{NS}}}{tag}"


@dataclass
class InlineCode:
    """A piece of rich text markup carried as an inline code: its original tags."""

    id: str
    start: str  # the original start tag (the whole element for a <ph>)
    end: str = ""  # the original end tag; empty for a <ph>

    @property
    def paired(self) -> bool:
        return bool(self.end)


class _InlineWriter(HTMLParser):
    """Writes rich text HTML into an XLIFF element as text and inline codes."""

    def __init__(self, element: Element):
        super().__init__(convert_charrefs=True)
        self.stack = [element]
        self.open_tags: list[str] = []
        self.codes: list[InlineCode] = []

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    def handle_starttag(self, tag, attrs):
        code_id = str(len(self.codes) + 1)
        if tag in VOID_ELEMENTS:
            self.codes.append(InlineCode(code_id, self.get_starttag_text()))
            SubElement(self.stack[-1], qualified("ph"), id=code_id, dataRef=f"d{code_id}")
            return
        self.codes.append(InlineCode(code_id, self.get_starttag_text(), f"</{tag}>"))
        pc = SubElement(
            self.stack[-1],
            qualified("pc"),
            id=code_id,
            dataRefStart=f"d{code_id}",
            dataRefEnd=f"d{code_id}e",
        )
        self.stack.append(pc)
        self.open_tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag("br" if tag in VOID_ELEMENTS else tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.open_tags:
            while self.open_tags:  # close what the HTML left open inside it, too
                self.stack.pop()
                if self.open_tags.pop() == tag:
                    break


def write_inline(element: Element, text: str, rich: bool) -> list[InlineCode]:
    """Put ``text`` into ``element``: as inline codes if it is rich text; return the codes."""
    if not rich:
        element.text = text
        return []
    writer = _InlineWriter(element)
    writer.feed(text)
    writer.close()
    return writer.codes


def read_inline(element: Element, codes: dict[str, InlineCode], location: str) -> str:
    """The HTML an imported element stands for, its codes taken from the source's own."""
    used: list[str] = []

    def render(node: Element) -> str:
        html = escape(node.text or "", quote=False)
        for child in node:
            tag = child.tag.removeprefix(f"{{{NS}}}")
            code = codes.get(child.get("id", ""))
            if tag not in ("pc", "ph") or code is None or code.paired != (tag == "pc"):
                raise XliffError(
                    _("Broken inline markup in %(location)s: unknown code “%(code)s”.")
                    % {"location": location, "code": child.get("id", tag)}
                )
            used.append(code.id)
            html += code.start + (render(child) + code.end if code.paired else "")
            html += escape(child.tail or "", quote=False)
        return html

    html = render(element)
    if sorted(used) != sorted(codes):
        raise XliffError(
            _("Broken inline markup in %(location)s: codes are missing or repeated.")
            % {"location": location}
        )
    return html
