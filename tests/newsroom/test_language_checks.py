"""A language added to LANGUAGES without what it needs fails the system checks, by name."""

from django.core.checks import run_checks

LANGUAGE_CHECKS = {"newsroom.E001", "search.E003", "content.E004"}


def failed_language_checks():
    return {message.id for message in run_checks() if message.id in LANGUAGE_CHECKS}


def test_every_configured_language_has_its_catalog_analysis_and_rules():
    assert failed_language_checks() == set()


def test_a_language_added_without_catalog_analysis_or_rules_fails_each_check(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("th", "ไทย")]
    messages = [message for message in run_checks() if message.id in LANGUAGE_CHECKS]
    assert {message.id for message in messages} == LANGUAGE_CHECKS
    assert all("'th'" in message.msg for message in messages)
    assert sum(message.id == "content.E004" for message in messages) == 2  # numbers and dates
