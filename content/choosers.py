"""Snippet choosers whose words follow the person's admin language.

Wagtail fixes a snippet chooser's words in whatever language is active when it first builds
them: the widget's "Choose ministry unit" when the editor's form class is made, the modal's
title when the admin's URLs are loaded. Whoever came first chose the language for everyone
after, and the English admin showed "Chọn" beside "ministry unit". These read their words
when they render, in the language of the request.
"""

from django.db.models import ForeignKey
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from wagtail.admin.forms.models import register_form_field_override
from wagtail.snippets.views.chooser import ChooseView, SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's own words: unmarked where its catalogs translate them in every language, marked
# for ours where its Vietnamese lacks them.
CHOOSE = "Choose"
EDIT_CHOSEN = "Edit this %(object)s"
CHOOSE_ONE = gettext_noop("Choose %(object)s")
CHOOSE_ANOTHER = gettext_noop("Choose another %(object)s")


def _with_model_name(text, model) -> str:
    return gettext(text) % {"object": model._meta.verbose_name}


_lazy_with_model_name = lazy(_with_model_name, str)


class SnippetChooser(AdminSnippetChooser):
    """A snippet chooser widget whose button labels are read when it renders."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model=model, **kwargs)
        self.choose_one_text = _lazy_with_model_name(CHOOSE_ONE, self.model)
        self.choose_another_text = _lazy_with_model_name(CHOOSE_ANOTHER, self.model)
        self.link_to_chosen_text = _lazy_with_model_name(EDIT_CHOSEN, self.model)


class TitledChooseView(ChooseView):
    """The chooser modal, titled in the language of the request."""

    @property
    def page_title(self):
        return gettext(CHOOSE)

    @page_title.setter
    def page_title(self, value):
        """Ignores the title Wagtail fixed when it loaded the URLs."""


class TranslatedSnippetChooserViewSet(SnippetChooserViewSet):
    """The chooser modal and widget of a snippet, in the person's admin language."""

    choose_view_class = TitledChooseView

    def on_register(self):
        super().on_register()
        register_form_field_override(
            ForeignKey, to=self.model, override={"widget": SnippetChooser(model=self.model)}
        )
