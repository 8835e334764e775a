"""The reader's search page and the autocomplete endpoint."""

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from search.reader.forms import SearchForm
from search.reader.matching import clean_query
from search.reader.queries import search_articles
from search.reader.results import SearchResult
from search.reader.suggestions import title_suggestions

FACET_TITLES = {
    "section": _("Section"),
    "topic": _("Topic"),
    "unit": _("Unit"),
    "region": _("Region"),
    "year": _("Year"),
}


def facet_groups(result: SearchResult, params: QueryDict) -> list[dict[str, Any]]:
    """Facets with titles, each value with the link that toggles its filter."""
    groups = []
    for name, values in result.facets.items():
        for value in values:
            query = params.copy()
            query.pop("page", None)
            if value.selected:
                query.pop(name, None)
            else:
                query[name] = value.key
            value.url = f"?{query.urlencode()}"
        if values:
            groups.append({"name": name, "title": FACET_TITLES[name], "values": values})
    return groups


@require_GET
def search_page(request: HttpRequest) -> TemplateResponse:
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "search/search_page.html", {"form": form}, status=400)
    context = {"form": form, "query": form.cleaned_data["q"] if form.is_bound else ""}
    degraded = False
    if form.is_bound and form.has_changed():
        result = search_articles(form.search_request(get_language()))
        context.update(result=result, facets=facet_groups(result, request.GET))
        degraded = result.degraded
    response = TemplateResponse(request, "search/search_page.html", context)
    if degraded:
        # The database stands in while the node is away: no shared cache keeps its answer
        # past the circuit's next try.
        cooldown = cast(float, settings.NEWSROOM_SEARCH["cooldown"])
        patch_cache_control(response, s_maxage=int(cooldown))
    return response


@require_GET
@cache_control(public=True, max_age=60)
def autocomplete(request: HttpRequest) -> JsonResponse:
    prefix = clean_query(request.GET.get("q"))
    suggestions = title_suggestions(get_language(), prefix) if prefix else []
    return JsonResponse({"results": [{"title": s.title, "url": s.url} for s in suggestions]})
