"""The article editor's chooser of many snippets: a story's topics, regions, units and documents.

The chosen items show by name, each with a button that removes it; "Add topics" opens
Wagtail's own snippet chooser modal, searchable, in its multiple-selection mode (the one
MultipleChooserPanel uses). The field keeps Django's multiple select as its value: with
JavaScript it is hidden and kept in step with the list, without it the select is the field.
The relation stays a ParentalManyToManyField, so nothing that reads it changes.
"""

import json

from django import forms
from django.utils.translation import gettext
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import JSContext

from content.choosers import SnippetChooser


class MultipleSnippetChooser(forms.SelectMultiple):
    """A searchable chooser of several snippets of one model, for a many-to-many field."""

    template_name = "content/widgets/multiple_snippet_chooser.html"

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model

    def _modal(self):
        """Wagtail's chooser of the model packed for its scripts, and the scripts it needs.

        Packed when the form renders, not when the panels are defined: its modal's URL is
        reversed, and its words are read in the request's language.
        """
        scripts = JSContext()
        return scripts.pack(SnippetChooser(model=self.model)), scripts.media

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [
            option
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        context["widget"].update(
            {
                "chosen": chosen,
                "modal": json.dumps(self._modal()[0]),
                # Translators: the button opening the chooser; items is what it adds, in
                # the plural and lower case: "topics", "regions", "ministry units".
                "add_label": gettext("Add %(items)s")
                % {"items": self.model._meta.verbose_name_plural},
            }
        )
        return context

    @property
    def media(self):
        return self._modal()[1] + forms.Media(
            js=[versioned_static("content/admin/multiple_chooser.js")],
            css={"all": [versioned_static("content/admin/multiple_chooser.css")]},
        )
