"""What a reader may ask the search page: validated, so bad input is a clear 400, never a 500."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search.reader.matching import clean_query
from search.reader.results import MAX_PAGE, SearchRequest


class SearchForm(forms.Form):
    """The search page's query string: words, filters, dates, sort and page."""

    # Labels name the option in an error message; the page shows the same words on its controls.
    q = forms.CharField(label=_("Search stories"), required=False, strip=True)
    section = forms.RegexField(label=_("Section"), required=False, regex=r"^\d{1,12}$")
    topic = forms.SlugField(label=_("Topic"), required=False, max_length=80)
    unit = forms.SlugField(label=_("Unit"), required=False, max_length=80)
    region = forms.SlugField(label=_("Region"), required=False, max_length=80)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"), required=False
    )
    date_to = forms.DateField(label=pgettext_lazy("end of a date range", "To"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
    )
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE)

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data.get("q"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned

    def search_request(self, language: str) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            language=language,
            query=data["q"],
            section=data["section"] or None,
            topic=data["topic"] or None,
            unit=data["unit"] or None,
            region=data["region"] or None,
            year=data["year"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            sort=data["sort"] or "relevance",
            page=data["page"] or 1,
        )
