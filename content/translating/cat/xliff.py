"""XLIFF 2.0 for translation agencies: export articles' segments, read their translations.

One ``<file>`` per translation, one ``<unit>`` per text field or body block, one
``<segment>`` per text (a block's several texts are several segments). Rich text markup
travels as XLIFF inline codes (``xliff_inline``).

Reading an import checks the whole file (the right articles and language, every segment
present and no other, inline codes intact, sources unchanged since the export) and changes
nothing; ``content.translating.workflow.import_xliff`` then saves and submits every
translation, running the checks, or none.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from content.models import Translation
from content.translating.cat.memory import normalize
from content.translating.cat.segments import (
    Segment,
    build_fields,
    source_segments,
    target_texts,
)
from content.translating.cat.xliff_inline import (
    NS,
    XliffError,
    read_inline,
    write_inline,
)
from content.translating.cat.xliff_inline import qualified as _q
from content.translating.fields import source_fields
from content.translating.permissions import can_translate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_BYTES = 5 * 1024 * 1024
FILE_ID_PREFIX = "translation-"

register_namespace("", NS)


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
        source = source_fields(page)
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


def _translation_for(file: Element, root: Element, user: "User") -> Translation:
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
            % {
                "file": file_id,
                "language": dict(settings.LANGUAGES).get(root.get("trgLang") or "", "?"),
            }
        )
    if not can_translate(user, translation.language):
        raise PermissionDenied(_("You do not translate into this language."))
    return translation


def _imported_texts(file: Element, translation: Translation) -> dict[str, str]:
    source = source_fields(translation.page)
    expected = {segment.key: segment for segment in source_segments(source)}
    # A segment without an id cannot be matched to anything: name it, as an unknown unit.
    found = {node.get("id") or "(no id)": node for node in file.iter(_q("segment"))}
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


def read_xliff(data: bytes, user: "User") -> list[tuple[Translation, dict[str, Any]]]:
    """Every translation of the document with the fields it imports; nothing is saved.

    Raises ``XliffError`` (or ``PermissionDenied``) for the first file that cannot be imported.
    """
    root = _parse(data)
    files = root.findall(_q("file"))
    if not files:
        raise XliffError(_("The file holds no translations."))
    imported = []
    for file in files:
        translation = _translation_for(file, root, user)
        texts = _imported_texts(file, translation)
        imported.append((translation, texts))
    return [
        (translation, build_fields(source_fields(translation.page), texts))
        for translation, texts in imported
    ]
