"""Forms of the translators' admin: the side-by-side editor, review, and requests."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget

from content.blocks import ParagraphBlock
from content.translating.cat import Segment

UNREADABLE = object()


def rich_text_widget() -> forms.Widget:
    """The admin's rich text editor, refusing with a form error what it cannot read."""
    widget = get_rich_text_editor_widget(features=ParagraphBlock().features)

    class Widget(type(widget)):  # type: ignore[misc]  # whichever editor is configured
        def value_from_datadict(self, data, files, name):
            try:
                return super().value_from_datadict(data, files, name)
            except (ValueError, TypeError, KeyError, AttributeError):
                return UNREADABLE

    widget.__class__ = Widget
    return widget


class RichTextSegmentField(forms.CharField):
    """A rich text segment: an error, not a crash, when the editor's data cannot be read."""

    def to_python(self, value):
        if value is UNREADABLE:
            raise forms.ValidationError(
                _("This text could not be read. Reload the page and try again."), code="unreadable"
            )
        return super().to_python(value)


def field_name(segment_key: str) -> str:
    """The form field of a segment ("body.<id>.caption" -> "segment__body__<id>__caption")."""
    return "segment__" + segment_key.replace(".", "__").replace("-", "_")


class TranslationForm(forms.Form):
    """One field per segment of the source, and the reason for overriding the checks."""

    override_reason = forms.CharField(
        label=_("Reason for overriding the checks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the checks object and the translation is right as it is."),
    )

    def __init__(self, segments: list[Segment], texts: dict[str, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.segments = segments
        for segment in segments:
            self.fields[field_name(segment.key)] = self._field(segment, texts.get(segment.key))
            if segment.rich:
                self._name_rich_text_box(field_name(segment.key))

    def _name_rich_text_box(self, name):
        """Name the rich text editor's box by its field's label, for assistive technology.

        The editor's box is not the input its label is for (a hidden one), so it has no name of
        its own; Draftail takes the label's id as an option.
        """
        self.fields[name].widget.options["ariaLabelledBy"] = f"{self[name].auto_id}-label"

    @staticmethod
    def _field(segment: Segment, initial):
        if segment.key == "slug":
            return forms.SlugField(
                label=segment.label, allow_unicode=True, required=False, initial=initial
            )
        if segment.rich:
            return RichTextSegmentField(
                label=segment.label, required=False, initial=initial, widget=rich_text_widget()
            )
        widget: forms.Widget
        if segment.long:
            widget = forms.Textarea(attrs={"rows": 3, "dir": "auto"})
        else:
            widget = forms.TextInput(attrs={"dir": "auto"})
        return forms.CharField(label=segment.label, required=False, initial=initial, widget=widget)

    def rows(self):
        """(segment, bound field) pairs, in reading order, for the side-by-side table."""
        return [(segment, self[field_name(segment.key)]) for segment in self.segments]

    def texts(self) -> dict[str, str]:
        return {s.key: self.cleaned_data[field_name(s.key)] or "" for s in self.segments}


class ReviewForm(forms.Form):
    """A reviewer's decision: the comment that goes back to the translator."""

    comment = forms.CharField(
        label=_("Comment for the translator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequestTranslationsForm(forms.Form):
    """Which languages to request, and by when."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, page=None, *args, **kwargs):
        """For one article, its own language is not offered; a selection is offered all."""
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (code, name)
            for code, name in settings.LANGUAGES
            if page is None or code != page.original_language
        ]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due


class XliffImportForm(forms.Form):
    """An XLIFF file to import, and a reason if its translations fail the checks."""

    file = forms.FileField(
        label=_("XLIFF 2.0 file"),
        help_text=_(
            "A file exported here and translated: every article in it is imported, or none."
        ),
    )
    override_reason = forms.CharField(
        label=_("Reason for overriding the checks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
