"""`manage.py translation_qa`: the checks over what readers see now, per language."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories.stories import paragraph
from tests.factories.translations import approve_text

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("translation_qa", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def audited(story):
    source_block = story.body_vi.get_prep_value()[0]
    faithful = paragraph("La résolution n° 47/NQ-CP du 15 avril 2024 vise 1 200 entreprises.")
    scrambled = paragraph("Resolution No. 2024/NQ-CP dated April 47, 15 targets 1,200 firms.")
    french = "Conférence sur les exportations durables"
    english = "Conference on sustainable exports"
    approve_text(
        story,
        "fr",
        title=french,
        standfirst=french,
        body=[{**faithful[0], "id": source_block["id"]}],
    )
    approve_text(
        story,
        "en",
        title=english,
        standfirst=english,
        body=[{**scrambled[0], "id": source_block["id"]}],
    )
    return story


def test_the_report_lists_each_languages_live_translations_and_their_findings(audited):
    report = run()
    assert "en: 1 live translations, 1 with findings" in report
    assert "fr: 1 live translations, 0 with findings" in report
    assert "47/NQ-CP" in report
    assert "Body › block 1 (paragraph)" in report


def test_one_language_only_and_a_failing_exit_for_scheduled_audits(audited):
    assert "en:" not in run("--language", "fr")
    run("--language", "fr", "--fail-on-findings")  # nothing found: no failure
    with pytest.raises(CommandError):
        run("--language", "en", "--fail-on-findings")


def test_an_unknown_language_is_a_clear_error(audited):
    with pytest.raises(CommandError, match="Unknown language"):
        run("--language", "xx")
