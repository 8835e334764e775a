"""An empty translation of a text with numbers and dates is one finding: "not translated"."""

import pytest

from content.translating import check_translation, save_draft
from content.translating.checks import Check, check_text
from tests.factories.stories import french_text

SOURCE = "Ngày 15/4/2024, 1.200 doanh nghiệp tham gia theo Nghị quyết số 47/NQ-CP."


def test_an_empty_translation_is_reported_once_as_not_translated():
    findings = check_text(SOURCE, "", "vi", "fr")
    assert [finding.check for finding in findings] == [Check.NOT_TRANSLATED]


def test_blank_space_is_no_translation_either():
    assert [f.check for f in check_text(SOURCE, "  \n", "vi", "fr")] == [Check.NOT_TRANSLATED]


def test_a_translation_missing_a_number_is_still_told_which():
    findings = check_text(SOURCE, "Le 15 avril 2024, selon la résolution n° 47/NQ-CP.", "vi", "fr")
    assert Check.NUMBER in {finding.check for finding in findings}
    assert Check.NOT_TRANSLATED not in {finding.check for finding in findings}


def test_an_empty_source_and_an_empty_translation_pass():
    assert check_text("", "", "vi", "fr") == []


@pytest.mark.django_db
def test_a_translated_block_left_empty_is_one_not_translated_finding(requested, french_translator):
    translation = requested["fr"]
    text = french_text(translation.page)
    text["body"][0]["value"] = "<p></p>"  # what the editor saves for a box left empty
    save_draft(translation, text, french_translator)
    findings = check_translation(translation)
    assert [[finding.check for finding in found] for found in findings.values()] == [
        [Check.NOT_TRANSLATED]
    ]
