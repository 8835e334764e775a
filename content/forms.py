"""The story editor's form: its own language, what review needs, and what counts as an edit.

A draft needs only a title: what a story needs to be reviewed (its text in its own language,
a lead unit, topics, an author) is checked when it is submitted or approved, next to each
field. A story with no byline is signed by the author linked to its writer's account.

The editor shows the story in the language it is written in; the other languages' columns are
reached through the translation workflow, and input in a language that is not live would reach
no reader. Leaving them out of the form also leaves them untouched by a save.

With ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` an edit made while a story is in review
sends it back to the first step, so the editor must not report an edit where the person made
none. Django compares what the browser posts with the stored values, and some never
round-trip: a date shown to the minute against one stored to the second, an empty StreamField
(``None``) against the empty stream the browser posts, rich text stored without the paragraph
keys the browser's editor adds.
"""

import json
import re

from django import forms
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from content.models.snippets import Author
from content.plain_text import plain_text
from content.slugs import ascii_slug, free_slug
from content.translating.fields import TRANSLATED_FIELDS, column

# Wagtail needs a page's title and slug in the default language, whatever the story's own.
ALWAYS_IN_DEFAULT_LANGUAGE = ("title", "slug")


# Draftail keys each paragraph; text stored by other means (the demo, an import) has no keys.
BLOCK_KEY = re.compile(r' data-block-key=\\?"[^"\\]*\\?"')


def _stream_json(block, value) -> str:
    return BLOCK_KEY.sub("", json.dumps(block.get_prep_value(value or []), cls=DjangoJSONEncoder))


def _same_in_effect(field, initial, value) -> bool:
    """Whether ``value``, cleaned from the post, is what ``initial`` showed the person."""
    if isinstance(field, BlockField):
        return _stream_json(field.block, initial) == _stream_json(field.block, value)
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


# Fields a story may lack as a draft, and needs to be reviewed.
READY_FOR_REVIEW = ("lead_unit", "topics")
NEEDED_FOR_REVIEW = _("A story needs this before it is submitted for review.")
NEEDED_IN_ORIGINAL_LANGUAGE = _("A story needs this in its original language before review.")
NEEDS_AN_AUTHOR = _("A story needs an author before review: add a byline.")


class StoryForm(WagtailAdminPageForm):
    """The article editor's form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_new_story = self.instance.pk is None
        for name in READY_FOR_REVIEW:  # required, but only at review (check_ready_for_review)
            if name in self.fields:
                self.fields[name].required = False
        source_language = self.instance.original_language or settings.LANGUAGE_CODE
        for name in other_languages_columns(source_language):
            self.fields.pop(name, None)
        if self.is_bound:
            self.data = self.with_generated_slug(self.data, source_language)
        elif self.is_new_story:
            self.open_with_a_paragraph(column("body", source_language))

    def open_with_a_paragraph(self, name):
        """A new story's body opens with a paragraph to write in, not a menu of blocks.

        A paragraph left empty in a draft is kept (Wagtail defers a block's required text to
        publication); review asks for the text.
        """
        if name in self.fields:
            self.initial[name] = self.fields[name].block.to_python(
                [{"type": "paragraph", "value": ""}]
            )

    def with_generated_slug(self, data, language):
        """``data``, with the slug made from the title where the person left it empty."""
        slug_field, title_field = column("slug", language), column("title", language)
        if slug_field not in self.fields or data.get(slug_field) or not data.get(title_field):
            return data
        siblings = self.parent_page.get_children().exclude(pk=self.instance.pk)
        slug = free_slug(
            ascii_slug(data[title_field]),
            lambda candidate: siblings.filter(**{slug_field: candidate}).exists(),
        )
        data = data.copy()
        data[slug_field] = slug
        return data

    def default_author(self) -> Author | None:
        """Who signs a story left without a byline: the author linked to its writer.

        The writer is the story's owner, whoever edits it later: Wagtail's autosave may have
        created the story before its writer submits it.
        """
        writer = self.instance.owner if self.instance.owner_id else self.for_user
        if writer is None or not writer.pk:
            return None
        return Author.objects.filter(user=writer).first()

    def bylines_given(self) -> bool:
        bylines = self.formsets["bylines"]
        bylines.is_valid()  # the formsets are cleaned after this form: clean them now
        return any(
            form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
            for form in bylines.forms
            if hasattr(form, "cleaned_data")
        )

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail defers required fields when a draft is saved, and only then.
        if not self.is_deferred_validation:
            self.check_ready_for_review(cleaned_data)
        return cleaned_data

    def check_ready_for_review(self, cleaned_data):
        for name in READY_FOR_REVIEW:
            if name in self.fields and not cleaned_data.get(name):
                self.add_error(name, NEEDED_FOR_REVIEW)
        language = cleaned_data.get("original_language") or self.instance.original_language
        for field in ("standfirst", "body"):
            name = column(field, language)
            if name in self.fields and not self.has_text(field, cleaned_data.get(name)):
                self.add_error(name, NEEDED_IN_ORIGINAL_LANGUAGE)
        if not self.bylines_given() and self.default_author() is None:
            # Shown above the bylines, where the person adds one.
            self.formsets["bylines"].non_form_errors().append(NEEDS_AN_AUTHOR)

    @staticmethod
    def has_text(field, value) -> bool:
        """Whether ``value`` says something: a body's paragraph left empty does not."""
        if field == "body":
            return bool(value) and bool(plain_text(value).strip())
        return bool(value)

    def save(self, commit=True):
        page = super().save(commit=commit)
        author = self.default_author()
        if author is not None and not page.bylines.all():
            page.bylines.add(page.bylines.model(author=author))
            if commit:
                page.bylines.commit()
        return page

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
