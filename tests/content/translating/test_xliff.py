"""XLIFF 2.0: export, an agency's translation, and an import that is all or nothing."""

import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring
from django.core.exceptions import PermissionDenied
from django.utils.translation import override

from content.models import TranslationStatus
from content.translating import ChecksFailed, import_xliff, request_translations
from content.translating.cat import MAX_BYTES, NS, XliffError, block_location, export_xliff
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db
X = {"x": NS}


def imported(document: bytes, user, override_reason: str = ""):
    """Import with messages in English, whose wording the tests match, whatever the catalogs."""
    with override("en"):
        return import_xliff(document, user, override_reason)


RICH = (
    '<p>Theo <a href="https://moit.gov.vn/tin">Nghị quyết số 47/NQ-CP</a>, '
    "<b>1.200</b> doanh nghiệp tham gia.</p>"
)


@pytest.fixture
def rich_story(section, writer):
    story = published_story(section, {"vi": ("Hội nghị xuất khẩu", "tạm")})
    draft = story.get_latest_revision_as_object()
    draft.body_vi = [{"type": "paragraph", "value": RICH}, {"type": "heading", "value": "Kết quả"}]
    draft.save_revision(user=writer).publish()
    return type(story).objects.get(pk=story.pk)


@pytest.fixture
def french(rich_story, desk_editor):
    (translation,) = request_translations([rich_story], ["fr"], desk_editor)
    return translation


def translated(document: bytes, **replace) -> bytes:
    """An agency's work: a target for every segment of the exported file."""
    root = fromstring(document)
    targets = {
        "title": "Conférence sur les exportations",
        "standfirst": "Conférence sur les exportations",
    }
    for segment in root.iter(f"{{{NS}}}segment"):
        source = segment.find("x:source", X)
        target = ET.SubElement(segment, f"{{{NS}}}target")
        key = segment.get("id")
        if key in targets:
            target.text = targets[key]
        elif len(source):  # the rich paragraph: keep its codes, translate the text
            (paragraph,) = source
            new_paragraph = ET.SubElement(target, paragraph.tag, paragraph.attrib)
            if not len(paragraph):
                new_paragraph.text = "Autre contenu."
                continue
            new_paragraph.text = "Selon la "
            link, bold = list(paragraph)
            new_link = ET.SubElement(new_paragraph, link.tag, link.attrib)
            new_link.text = "résolution n° 47/NQ-CP"
            new_link.tail = ", "
            new_bold = ET.SubElement(new_paragraph, bold.tag, bold.attrib)
            new_bold.text = "1 200"
            new_bold.tail = " entreprises participent."
        else:
            target.text = "Résultats"
    text = ET.tostring(root, encoding="unicode")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text.encode()


def test_the_export_is_xliff_2_with_a_unit_per_field_and_block_and_inline_codes(french):
    root = fromstring(export_xliff([french]))
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "vi", "fr")
    (file,) = root.findall("x:file", X)
    assert file.get("id") == f"translation-{french.pk}"
    units = file.findall("x:unit", X)
    # No slug: it is made from the title when the translation goes live.
    assert [u.get("id") for u in units[:2]] == ["title", "standfirst"]
    paragraph = next(u for u in units if u.find("x:originalData", X) is not None)
    data = {d.get("id"): d.text for d in paragraph.findall("x:originalData/x:data", X)}
    assert '<a href="https://moit.gov.vn/tin">' in data.values()
    source = paragraph.find("x:segment/x:source", X)
    assert [child.tag.split("}")[1] for child in source.iter()][1:] == ["pc", "pc", "pc"]
    assert "Nghị quyết số 47/NQ-CP" in "".join(source.itertext())
    assert paragraph.find("x:notes/x:note", X).text == block_location(1, "paragraph")


def test_a_round_trip_imports_the_translation_with_its_markup_and_submits_it(
    french, french_translator
):
    (translation,) = imported(translated(export_xliff([french])), french_translator)
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.SUBMITTED
    body = translation.draft["body"]
    assert body[0]["value"] == (
        '<p>Selon la <a href="https://moit.gov.vn/tin">résolution n° 47/NQ-CP</a>, '
        "<b>1 200</b> entreprises participent.</p>"
    )
    assert body[1]["value"] == "Résultats"
    assert not translation.draft["slug"]


def assert_nothing_changed(translation):
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.REQUESTED
    assert translation.draft == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({'trgLang="fr"': 'trgLang="ar"'}, "is not a translation in this newsroom"),
        ({'id="translation-': 'id="translation-9'}, "is not a translation in this newsroom"),
        ({'<segment id="standfirst">': '<segment id="dek">'}, "do not match the article"),
        ({"Selon la ": "Selon la <pc id='9' dataRefStart='d9' dataRefEnd='d9e'>x</pc>"}, "markup"),
        ({"<target>Résultats</target>": "<target><pc id='1'>Résultats</pc></target>"}, "markup"),
        ({'version="2.0"': 'version="1.2"'}, "not an XLIFF 2.0 document"),
    ],
)
def test_a_wrong_file_is_refused_with_a_clear_error_and_changes_nothing(
    french, french_translator, change, message
):
    document = translated(export_xliff([french]), **change)
    with pytest.raises(XliffError, match=message):
        imported(document, french_translator)
    assert_nothing_changed(french)


def test_a_missing_inline_code_is_broken_markup(french, french_translator):
    root = fromstring(translated(export_xliff([french])))
    target = next(t for t in root.iter(f"{{{NS}}}target") if len(t))
    target[0].remove(target[0][1])  # the <b> is gone
    with pytest.raises(XliffError, match="missing or repeated"):
        imported(ET.tostring(root), french_translator)
    assert_nothing_changed(french)


def test_a_missing_unit_and_an_extra_unit_are_named(french, french_translator):
    root = fromstring(translated(export_xliff([french])))
    file = root.find("x:file", X)
    file.remove(file.findall("x:unit", X)[1])
    ET.SubElement(ET.SubElement(file, f"{{{NS}}}unit", id="x"), f"{{{NS}}}segment", id="extra")
    with pytest.raises(XliffError) as error:
        imported(ET.tostring(root), french_translator)
    assert "missing: standfirst" in error.value.messages[0]
    assert "unknown: extra" in error.value.messages[0]
    assert_nothing_changed(french)


def test_a_segment_without_an_id_is_named_not_a_crash(french, french_translator):
    root = fromstring(translated(export_xliff([french])))
    file = root.find("x:file", X)
    ET.SubElement(ET.SubElement(file, f"{{{NS}}}unit", id="y"), f"{{{NS}}}segment")
    with pytest.raises(XliffError) as error:
        imported(ET.tostring(root), french_translator)
    assert "unknown: (no id)" in error.value.messages[0]
    assert_nothing_changed(french)


@pytest.mark.parametrize(
    "document",
    [
        b"<xliff version='2.0'",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff>&a;</xliff>',
        b"<xliff>" + b" " * MAX_BYTES + b"</xliff>",
        b"",
    ],
    ids=["malformed", "entities", "oversized", "empty"],
)
def test_malformed_hostile_or_oversized_files_are_refused(french, french_translator, document):
    with pytest.raises(XliffError):
        imported(document, french_translator)
    assert_nothing_changed(french)


def test_a_source_changed_since_the_export_is_refused(
    french, rich_story, french_translator, writer
):
    document = translated(export_xliff([french]))
    draft = rich_story.get_latest_revision_as_object()
    draft.body_vi = [{**draft.body_vi.get_prep_value()[0]}, {"type": "heading", "value": "Mới"}]
    draft.save_revision(user=writer).publish()
    with pytest.raises(XliffError, match="changed since this file was exported"):
        imported(document, french_translator)
    assert_nothing_changed(french)


def test_the_checks_run_on_import(french, french_translator):
    document = translated(export_xliff([french]), **{">1 200<": ">1 300<"})
    with pytest.raises(ChecksFailed):
        imported(document, french_translator)
    assert_nothing_changed(french)
    imported(document, french_translator, override_reason="Chiffre corrigé par l'agence.")
    french.refresh_from_db()
    assert french.qa_override_reason == "Chiffre corrigé par l'agence."


def test_a_batch_is_imported_whole_or_not_at_all(french, section, desk_editor, french_translator):
    other = published_story(section, {"vi": ("Tin khác", "Nội dung khác.")})
    (second,) = request_translations([other], ["fr"], desk_editor)
    document = translated(export_xliff([french, second]))
    root = fromstring(document)
    last_file = root.findall("x:file", X)[1]
    last_file.remove(last_file.findall("x:unit", X)[0])  # the second article is incomplete
    with pytest.raises(XliffError):
        imported(ET.tostring(root), french_translator)
    assert_nothing_changed(french)
    assert_nothing_changed(second)
    assert len(imported(document, french_translator)) == 2


def test_a_translator_of_another_language_cannot_import(french, arabic_translator):
    with pytest.raises(PermissionDenied):
        imported(translated(export_xliff([french])), arabic_translator)
    assert_nothing_changed(french)


def test_the_admin_exports_a_download_and_imports_an_upload(client, french, french_translator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(french_translator)
    response = client.get(f"/admin/translations/xliff/?translation={french.pk}")
    assert response["Content-Type"].startswith("application/xliff+xml")
    assert response["Content-Disposition"].endswith('.xlf"')
    upload = SimpleUploadedFile("fr.xlf", b"<xliff version='2.0'", "application/xliff+xml")
    refused = client.post("/admin/translations/xliff/import/", {"file": upload})
    assert refused.status_code == 400
    assert 'class="help-block help-critical xliff-errors"' in refused.content.decode()
    french.refresh_from_db()
    assert french.status == TranslationStatus.REQUESTED
    upload = SimpleUploadedFile("fr.xlf", translated(response.content), "application/xliff+xml")
    accepted = client.post("/admin/translations/xliff/import/", {"file": upload})
    assert accepted.status_code == 302
    french.refresh_from_db()
    assert french.status == TranslationStatus.SUBMITTED
