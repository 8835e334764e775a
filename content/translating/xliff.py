"""XLIFF 2.0 for translation agencies: export articles' segments, import their translations.

One ``<file>`` per translation, one ``<unit>`` per text field or body block, one
``<segment>`` per text (a block's several texts are several segments). Rich text markup
travels as XLIFF inline codes: each element is a ``<pc>`` (or a ``<ph>`` when it has no
content) whose original tags are in the unit's ``<originalData>``, so agencies' tools keep
them intact.

Import is all or nothing: the whole file is read and checked (the right articles and
language, every segment present and no other, inline codes intact, sources unchanged since
the export, the translation checks) before anything is saved.
"""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from content.models import Translation
from content.translating import workflow
from content.translating.memory import normalize
from content.translating.permissions import can_translate
from content.translating.segments import Segment, build_fields, source_segments, target_texts

NS = "urn:oasis:names:tc:xliff:document:2.0"
MAX_BYTES = 5 * 1024 * 1024
VOID_ELEMENTS = {"br", "hr", "img", "wbr"}
FILE_ID_PREFIX = "translation-"

register_namespace("", NS)


class XliffError(ValidationError):
    """The file cannot be imported; nothing was changed."""


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# --- Rich text to inline codes and back ----------------------------------------------------


@dataclass
class InlineCode:
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
            SubElement(self.stack[-1], _q("ph"), id=code_id, dataRef=f"d{code_id}")
            return
        self.codes.append(InlineCode(code_id, self.get_starttag_text(), f"</{tag}>"))
        pc = SubElement(
            self.stack[-1],
            _q("pc"),
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


# --- Export ----------------------------------------------------------------------------------


@dataclass
class _Unit:
    id: str
    name: str
    segments: list[Segment] = field(default_factory=list)


def _units(segments: list[Segment]) -> list[_Unit]:
    """A unit per text field, and one per body block holding each of its texts."""
    units: dict[str, _Unit] = {}
    for segment in segments:
        if segment.key.startswith("body."):
            block_id = segment.key.split(".")[1]
            block_label = " › ".join(segment.label.split(" › ")[:2])
            unit = units.setdefault(block_id, _Unit(f"block-{block_id}", block_label))
        else:
            unit = units.setdefault(segment.key, _Unit(segment.key, segment.label))
        unit.segments.append(segment)
    return list(units.values())


def export_xliff(translations: list[Translation], site_url: str = "") -> bytes:
    """One XLIFF 2.0 document for translations sharing their source and target languages."""
    first = translations[0]
    pairs = {(t.page.original_language, t.language) for t in translations}
    if len(pairs) > 1:
        raise XliffError(_("Export together only translations between the same two languages."))
    root = Element(
        _q("xliff"),
        version="2.0",
        srcLang=first.page.original_language,
        trgLang=first.language,
    )
    for translation in translations:
        page = translation.page
        source = workflow.source_fields(page)
        texts = target_texts(source, translation.working_fields)
        file = SubElement(
            root, _q("file"), id=f"{FILE_ID_PREFIX}{translation.pk}", original=site_url + page.url
        )
        notes = SubElement(file, _q("notes"))
        for note_id, text in (
            ("title", page.title),
            ("source-revision", str(page.live_revision_id or "")),
            ("due-date", translation.due_date.isoformat() if translation.due_date else ""),
        ):
            SubElement(notes, _q("note"), id=note_id, category="newsroom").text = text
        for unit in _units(source_segments(source)):
            _write_unit(file, unit, texts)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode()


def _write_unit(file: Element, unit: _Unit, texts: dict[str, str]) -> None:
    element = SubElement(file, _q("unit"), id=unit.id, name=unit.name)
    notes = SubElement(element, _q("notes"))
    SubElement(notes, _q("note"), category="location").text = unit.name
    # Only rich text carries codes, and a paragraph block is a unit of one segment, so the
    # codes' ids are unique in their unit as XLIFF requires.
    original = SubElement(element, _q("originalData"))
    for segment in unit.segments:
        node = SubElement(element, _q("segment"), id=segment.key)
        codes = write_inline(SubElement(node, _q("source")), segment.source, segment.rich)
        if texts.get(segment.key):
            write_inline(SubElement(node, _q("target")), texts[segment.key], segment.rich)
        for code in codes:
            SubElement(original, _q("data"), id=f"d{code.id}").text = code.start
            if code.paired:
                SubElement(original, _q("data"), id=f"d{code.id}e").text = code.end
    if not len(original):
        element.remove(original)


# --- Import ----------------------------------------------------------------------------------


def _parse(data: bytes) -> Element:
    if len(data) > MAX_BYTES:
        raise XliffError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise XliffError(
            _("The file declares entities or a DTD, which are not accepted.")
        ) from error
    except SafeElementTree.ParseError as error:
        raise XliffError(
            _("The file is not well-formed XML: %(error)s") % {"error": error}
        ) from error
    if root.tag != _q("xliff") or root.get("version") != "2.0":
        raise XliffError(_("The file is not an XLIFF 2.0 document."))
    return root


def _translation_for(file: Element, root: Element, user) -> Translation:
    file_id = file.get("id", "")
    pk = file_id.removeprefix(FILE_ID_PREFIX)
    translation = (
        Translation.objects.select_related("page").filter(pk=pk).first() if pk.isdigit() else None
    )
    if (
        translation is None
        or root.get("trgLang") != translation.language
        or root.get("srcLang") != translation.page.original_language
    ):
        raise XliffError(
            _("“%(file)s” is not a translation in this newsroom into %(language)s.")
            % {"file": file_id, "language": dict(settings.LANGUAGES).get(root.get("trgLang"), "?")}
        )
    if not can_translate(user, translation.language):
        raise PermissionDenied(_("You do not translate into this language."))
    return translation


def _imported_texts(file: Element, translation: Translation) -> dict[str, str]:
    source = workflow.source_fields(translation.page)
    expected = {segment.key: segment for segment in source_segments(source)}
    found = {node.get("id"): node for node in file.iter(_q("segment"))}
    title = translation.page.title
    missing, extra = sorted(set(expected) - set(found)), sorted(set(found) - set(expected))
    exported_from = file.find("x:notes/x:note[@id='source-revision']", {"x": NS})
    source_revised = exported_from is not None and exported_from.text != str(
        translation.page.live_revision_id or ""
    )
    if (missing or extra) and source_revised:
        raise XliffError(
            _("“%(title)s” changed since this file was exported: export it again.")
            % {"title": title}
        )
    if missing or extra:
        raise XliffError(
            _(
                "“%(title)s”: the file's units do not match the article (missing: %(missing)s; "
                "unknown: %(extra)s)."
            )
            % {
                "title": title,
                "missing": ", ".join(missing) or "—",
                "extra": ", ".join(extra) or "—",
            }
        )
    texts = {}
    for key, segment in expected.items():
        node = found[key]
        file_source = node.find(_q("source"))
        codes = write_inline(Element("scratch"), segment.source, segment.rich)
        if file_source is None or normalize("".join(file_source.itertext())) != normalize(
            segment.source
        ):
            raise XliffError(
                _(
                    "“%(title)s” changed since this file was exported (%(location)s): "
                    "export it again."
                )
                % {"title": title, "location": segment.label}
            )
        target = node.find(_q("target"))
        if target is None:
            texts[key] = ""
        elif segment.rich:
            texts[key] = read_inline(target, {c.id: c for c in codes}, segment.label)
        elif len(target):
            raise XliffError(
                _("Broken inline markup in %(location)s: this text takes no codes.")
                % {"location": segment.label}
            )
        else:
            texts[key] = target.text or ""
    return texts


@transaction.atomic
def import_xliff(data: bytes, user, override_reason: str = "") -> list[Translation]:
    """Read every file of the document, then save and submit each translation, or none."""
    root = _parse(data)
    files = root.findall(_q("file"))
    if not files:
        raise XliffError(_("The file holds no translations."))
    imported = []
    for file in files:
        translation = _translation_for(file, root, user)
        texts = _imported_texts(file, translation)
        imported.append((translation, texts))
    for translation, texts in imported:
        source = workflow.source_fields(translation.page)
        workflow.save_draft(translation, build_fields(source, texts), user)
        workflow.submit(translation, user, override_reason)
    return [translation for translation, _texts in imported]
