"""Translation memory (exact and close matches, with similarity) and the termbase's checks."""

import pytest
from django.core.exceptions import ValidationError

from content.models import MemorySegment, TermbaseEntry
from content.translating import (
    ChecksFailed,
    approve,
    request_translations,
    save_draft,
    source_fields,
    submit,
)
from content.translating.cat import source_segments, suggestions
from tests.factories.stories import french_text, published_story

pytestmark = pytest.mark.django_db

SENTENCE = "Nghị quyết số 47/NQ-CP ngày 15/4/2024 đặt mục tiêu 1.200 doanh nghiệp."


def translate_and_approve(story, desk_editor, translator, reviewer, **changes):
    (translation,) = request_translations([story], ["fr"], desk_editor)
    save_draft(translation, french_text(story, **changes), translator)
    submit(translation, translator)
    approve(translation, reviewer)
    return translation


def body_segment(story):
    return next(s for s in source_segments(source_fields(story)) if s.key.startswith("body."))


def test_approval_fills_the_memory_and_a_new_story_gets_exact_and_close_matches(
    story, section, desk_editor, french_translator, french_reviewer
):
    translate_and_approve(story, desk_editor, french_translator, french_reviewer)
    # The title and the standfirst are one text: one memory; the body block another.
    assert MemorySegment.objects.filter(source_language="vi", target_language="fr").count() == 2

    same = published_story(section, {"vi": ("Tin khác", SENTENCE)})
    close = published_story(section, {"vi": ("Tin thứ ba", SENTENCE.replace("1.200", "1.500"))})
    exact_match = suggestions("vi", "fr", [body_segment(same)])[body_segment(same).key][0]
    assert exact_match.percent == 100
    assert "47/NQ-CP" in exact_match.target

    close_match = suggestions("vi", "fr", [body_segment(close)])[body_segment(close).key][0]
    assert 90 <= close_match.percent < 100
    assert suggestions("vi", "ar", [body_segment(close)]) == {}  # another language pair


def test_the_editor_offers_the_matches_with_their_similarity(
    client, story, section, desk_editor, french_translator, french_reviewer
):
    translate_and_approve(story, desk_editor, french_translator, french_reviewer)
    other = published_story(section, {"vi": ("Tin khác", SENTENCE)})
    (translation,) = request_translations([other], ["fr"], desk_editor)
    client.force_login(french_translator)
    html = client.get(f"/admin/translations/{translation.pk}/").content.decode()
    assert "translation-memory" in html
    import re

    memory = re.search(r'<details class="translation-memory".*?</details>', html, re.S).group()
    assert "100%" in memory and "1 200 entreprises" in memory


@pytest.fixture
def submit_standfirst(story, desk_editor, french_translator, writer):
    """Publish a source standfirst, then submit a French one: the checks' findings, if any."""

    def attempt(source_text, translated_text):
        source = story.get_latest_revision_as_object()
        source.standfirst_vi = source_text
        source.save_revision(user=writer).publish()
        translation = request_translations([story], ["fr"], desk_editor)[0]
        save_draft(translation, french_text(story, standfirst=translated_text), french_translator)
        try:
            submit(translation, french_translator)
        except ChecksFailed as failed:
            return [f.check for findings in failed.findings.values() for f in findings]
        return []

    return attempt


def test_a_protected_term_must_stay_as_written(submit_standfirst):
    TermbaseEntry.objects.create(source="CPTPP", protected=True)
    source = "Doanh nghiệp tận dụng CPTPP."
    assert submit_standfirst(source, "Les entreprises profitent du PTPGP.") == ["term"]
    assert submit_standfirst(source, "Les entreprises profitent du CPTPP.") == []


def test_a_required_rendering_is_checked_per_language(submit_standfirst):
    TermbaseEntry.objects.create(
        source="Bộ Công Thương", rendering_fr="ministère de l'Industrie et du Commerce"
    )
    source = "Bộ Công Thương tổ chức hội nghị."
    assert submit_standfirst(source, "Le ministère du Commerce organise une conférence.") == [
        "term"
    ]
    right = "Le ministère de l'Industrie et du Commerce organise une conférence."
    assert submit_standfirst(source, right) == []


def test_an_entry_with_neither_protection_nor_rendering_is_refused():
    with pytest.raises(ValidationError):
        TermbaseEntry(source="Hội nhập").full_clean()


def test_only_reviewers_and_site_administrators_keep_the_termbase(
    french_translator, french_reviewer, site_administrator
):
    assert french_translator.has_perm("content.view_termbaseentry")
    assert not french_translator.has_perm("content.change_termbaseentry")
    assert french_reviewer.has_perm("content.change_termbaseentry")
    assert site_administrator.has_perm("content.delete_termbaseentry")
