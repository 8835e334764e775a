"""Snippet choosers whose words follow the person's admin language.

Wagtail fixes a snippet chooser's words in whatever language is active when it first builds
them: the widget's "Choose ministry unit" when the editor's form class is made, the modal's
title when the admin's URLs are loaded. Whoever came first chose the language for everyone
after, and the English admin showed "Chọn" beside "ministry unit". These read their words
when they render, in the language of the request.

A taxonomy's chooser (topics, regions, units) finds a name in any language, and chooses a
name in one click even where several may be chosen.
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import ForeignKey, Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
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


class InAnyLanguageSearchForm(SearchFilterMixin, BaseFilterForm):
    """The chooser's search box, matching part of a text in any language, or of a plain field.

    Wagtail's search would match the one text its index holds, in whatever language was
    active when the item was saved: a writer in the English admin would not find a topic
    indexed under its Vietnamese name, nor a document by part of its number ("2387" in
    "2387/QD-BCT"). These tables hold tens to a few thousand rows, which a query over every
    language's column reads at once, and it finds "trad" in "Trade" as the writer types.
    """

    translated_fields: tuple[str, ...] = ()
    plain_fields: tuple[str, ...] = ()

    def filter(self, objects):
        objects = BaseFilterForm.filter(self, objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            matches = Q()
            for field in self.plain_fields:
                matches |= Q(**{f"{field}__icontains": query})
            for field in self.translated_fields:
                for code, _name in settings.LANGUAGES:
                    column = build_localized_fieldname(field, code)
                    matches |= Q(**{f"{column}__icontains": query})
            objects = objects.filter(matches)
            self.is_searching, self.search_query = True, query
        return objects


class NameInAnyLanguageSearchForm(InAnyLanguageSearchForm):
    """A taxonomy's search: its name in any language, or its slug."""

    translated_fields = ("name",)
    plain_fields = ("slug",)


class DocumentSearchForm(InAnyLanguageSearchForm):
    """An official document's search: part of its number, or its title or issuer in any language."""

    translated_fields = ("title", "issuing_body")
    plain_fields = ("number",)


# Each checkbox named by the name beside it, no longer its label.
NAMED_CHECKBOX = "content/choosers/checkbox_select_cell.html"


class TaxonomyChoosing:
    """What a taxonomy's modal adds: its search over every language, and a name chosen in a click.

    In its multiple mode Wagtail makes each name the label of its checkbox, so that choosing
    one topic takes a tick and "Confirm selection". Here a name is a link that chooses it at
    once, as in the single mode (the chosen view answers with a list when the modal asked for
    several); the checkboxes remain for choosing several together.
    """

    filter_form_class = NameInAnyLanguageSearchForm

    @property
    def title_column(self):
        labelled = super().title_column
        return TitleColumn(
            labelled.name,
            label=labelled.label,
            accessor=str,
            get_url=lambda item: self.append_preserved_url_parameters(
                reverse(self.chosen_url_name, args=(quote(item.pk),))
            ),
            get_title_id=lambda item: f"chooser-modal-title-{quote(item.pk)}",
            link_attrs={"data-chooser-modal-choice": True},
        )

    @property
    def checkbox_column(self):
        column = super().checkbox_column
        column.cell_template_name = NAMED_CHECKBOX
        return column


class TaxonomyChooseView(TaxonomyChoosing, TitledChooseView):
    """A taxonomy's chooser modal."""


class TaxonomyChooseResultsView(TaxonomyChoosing, ChooseResultsView):
    """The results of a taxonomy's chooser, as its search box refreshes them."""


class TaxonomyChooserViewSet(TranslatedSnippetChooserViewSet):
    """The chooser of topics, regions or units: a name is found in any language."""

    choose_view_class = TaxonomyChooseView
    choose_results_view_class = TaxonomyChooseResultsView


class DocumentChooseView(TitledChooseView):
    """The chooser modal of official documents."""

    filter_form_class = DocumentSearchForm


class DocumentChooseResultsView(ChooseResultsView):
    """The results of the official documents' chooser, as its search box refreshes them."""

    filter_form_class = DocumentSearchForm


class DocumentChooserViewSet(TranslatedSnippetChooserViewSet):
    """The chooser of official documents: found by part of their number or their title."""

    choose_view_class = DocumentChooseView
    choose_results_view_class = DocumentChooseResultsView
