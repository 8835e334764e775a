"""Translations for tests: text already in a story's columns, approved as it is."""

from django.conf import settings

from content.models import Translation
from content.translating.fields import column, read_fields
from content.translating.workflow import make_live


def approve_as_is(story, language: str) -> Translation:
    """Make the text in ``story``'s columns of ``language`` its live translation."""
    translation, _created = Translation.objects.get_or_create(page=story, language=language)
    make_live(translation, read_fields(story, language), story.live_revision_id)
    return translation


def approve_written_languages(story) -> list[Translation]:
    """Approve every language other than the story's own that has a standfirst."""
    return [
        approve_as_is(story, code)
        for code, _name in settings.LANGUAGES
        if code != story.original_language and getattr(story, column("standfirst", code))
    ]


def approve_text(story, language: str, **fields) -> Translation:
    """Approve a new text for ``story`` in ``language``: its live text, changed by ``fields``."""
    translation, _created = Translation.objects.get_or_create(page=story, language=language)
    values = {**read_fields(story, language), **fields}
    make_live(translation, values, story.live_revision_id)
    return translation
