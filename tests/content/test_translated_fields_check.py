"""content.E003: the workflow's translated fields and modeltranslation's columns agree."""

from django.core import checks

from content.checks import translated_fields_match_modeltranslation
from content.translating import fields


def errors():
    return translated_fields_match_modeltranslation(None)


def test_the_real_configuration_is_clean():
    assert errors() == []


def test_the_editor_shows_the_fields_in_their_order():
    assert fields.TRANSLATED_FIELDS == (
        "title",
        "slug",
        "standfirst",
        "body",
        "hero_alt_text",
        "hero_caption",
        "seo_title",
        "search_description",
    )


def test_a_workflow_field_without_columns_is_an_error(monkeypatch):
    monkeypatch.setattr(fields, "TRANSLATED_FIELDS", (*fields.TRANSLATED_FIELDS, "bogus"))
    (error,) = errors()
    assert error.id == "content.E003"
    assert "ArticlePage.bogus" in error.msg
    assert "no column per language" in error.msg


def test_a_registered_field_the_workflow_ignores_is_an_error(monkeypatch):
    ignored = tuple(name for name in fields.TRANSLATED_FIELDS if name != "hero_caption")
    monkeypatch.setattr(fields, "TRANSLATED_FIELDS", ignored)
    (error,) = errors()
    assert error.id == "content.E003"
    assert "ArticlePage.hero_caption" in error.msg
    assert "ignores" in error.msg


def test_the_check_runs_with_the_others(monkeypatch):
    monkeypatch.setattr(fields, "TRANSLATED_FIELDS", (*fields.TRANSLATED_FIELDS, "bogus"))
    assert "content.E003" in {error.id for error in checks.run_checks()}
