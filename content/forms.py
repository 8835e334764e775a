"""The story editor's form: the source language's fields only, and what counts as an edit.

The editor shows the story in the language it is written in; the other languages' columns are
reached through the translation workflow, and input in a language that is not live would reach
no reader. Leaving them out of the form also leaves them untouched by a save.

With ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` an edit made while a story is in review
sends it back to the first step, so the editor must not report an edit where the person made
none. Django compares what the browser posts with the stored values, and some never
round-trip: a date shown to the minute against one stored to the second, an empty StreamField
(``None``) against the empty stream the browser posts.
"""

from django import forms
from django.conf import settings
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from content.translating.fields import TRANSLATED_FIELDS, column

# Wagtail needs a page's title and slug in the default language, whatever the story's own.
ALWAYS_IN_DEFAULT_LANGUAGE = ("title", "slug")


def _same_in_effect(field, initial, value) -> bool:
    """Whether ``value``, cleaned from the post, is what ``initial`` showed the person."""
    if isinstance(field, BlockField):
        return not initial and not value
    if isinstance(field, forms.DateTimeField) and initial and value:
        return value.second == 0 and initial.replace(second=0, microsecond=0) == value
    return False


def other_languages_columns(source_language: str) -> set[str]:
    """The translated fields' columns the editor of a story written in ``source_language`` hides."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return {
        column(field, code)
        for field in TRANSLATED_FIELDS
        for code, _name in settings.LANGUAGES
        if code != source_language and not (code == default and field in ALWAYS_IN_DEFAULT_LANGUAGE)
    }


class StoryForm(WagtailAdminPageForm):
    """The article editor's form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source_language = self.instance.original_language or settings.LANGUAGE_CODE
        for name in other_languages_columns(source_language):
            self.fields.pop(name, None)

    @property
    def changed_data(self):
        cleaned = getattr(self, "cleaned_data", {})
        return [
            name
            for name, bound_field in self._bound_items()
            if bound_field._has_changed()
            and not (
                name in cleaned
                and _same_in_effect(bound_field.field, bound_field.initial, cleaned[name])
            )
        ]
