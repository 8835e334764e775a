"""A translation's slug is made when it goes live, never typed, and kept once readers have it."""

import pytest

from content.translating import approve, save_draft, submit
from content.translating.cat import source_segments
from content.translating.fields import source_fields
from tests.factories.stories import french_text

pytestmark = pytest.mark.django_db


def go_live(translation, translator, reviewer, title):
    save_draft(translation, french_text(translation.page, title=title), translator)
    submit(translation, translator, override_reason="Bản dịch đúng.")
    approve(translation, reviewer)
    translation.page.refresh_from_db()
    return translation.page


def test_the_translator_is_never_asked_for_a_slug(story):
    assert "slug" not in {segment.key for segment in source_segments(source_fields(story))}


def test_a_french_translation_gets_ascii_from_its_own_title(
    story, requested, french_translator, french_reviewer
):
    page = go_live(
        requested["fr"], french_translator, french_reviewer, "Conférence sur l’exportation durable"
    )
    assert page.slug_fr == "conference-sur-lexportation-durable"


def test_an_arabic_translation_borrows_the_english_slug(
    story, requested, arabic_translator, arabic_reviewer
):
    story.slug_en = "sustainable-export-conference"
    story.save()
    page = go_live(requested["ar"], arabic_translator, arabic_reviewer, "مؤتمر التصدير المستدام")
    assert page.slug_ar == "sustainable-export-conference"


def test_without_english_an_arabic_translation_borrows_the_source_slug(
    story, requested, arabic_translator, arabic_reviewer
):
    page = go_live(requested["ar"], arabic_translator, arabic_reviewer, "مؤتمر التصدير المستدام")
    assert page.slug_ar == story.slug_vi


def test_a_live_translations_slug_stays_when_its_title_is_corrected(
    story, requested, french_translator, french_reviewer
):
    go_live(requested["fr"], french_translator, french_reviewer, "Conférence sur l’export")
    requested["fr"].refresh_from_db()
    page = go_live(
        requested["fr"], french_translator, french_reviewer, "Conférence sur les exportations"
    )
    assert page.slug_fr == "conference-sur-lexport"
