"""The Reach area of the admin: each area's charts and tables for a period, and CSV exports."""

import csv

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from content.models import ArticlePage
from reach import privacy, queries
from reach.charts import chart
from reach.period import PeriodForm
from reach.reports import AREAS, Table

VIEW_REACH = "reach.view_reach"


def csv_response(table: Table, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # spreadsheets open UTF-8 (Vietnamese, Chinese, Arabic) right
    writer = csv.writer(response)
    writer.writerow([str(column) for column in table.columns])
    writer.writerows(table.rows)
    return response


def _render(request: HttpRequest, tables: list[Table], context: dict) -> HttpResponse:
    if request.GET.get("format") == "csv":
        wanted = request.GET.get("table", "")
        table = next((t for t in tables if t.slug == wanted), None)
        if table is None:
            raise Http404
        return csv_response(table, f"reach-{context.get('area', 'story')}-{table.slug}")
    charted = [(table, chart(table)) for table in tables]
    query = request.GET.copy()
    query["format"] = "csv"
    return TemplateResponse(
        request,
        "reach/area.html",
        {**context, "tables": charted, "csv_query": query.urlencode()},
    )


@permission_required(VIEW_REACH, raise_exception=True)
def area(request: HttpRequest, area: str = "overview") -> HttpResponse:
    if area not in AREAS:
        raise Http404
    form = PeriodForm(request.GET or None)
    period = form.period()
    title, tables_of = AREAS[area]
    context = {
        "area": area,
        "areas": [(slug, name) for slug, (name, _tables) in AREAS.items()],
        "form": form,
        "period": period,
        "page_title": _("Reach: %(area)s") % {"area": title},
        "header_icon": "view",
    }
    return _render(request, tables_of(period), context)


@permission_required(VIEW_REACH, raise_exception=True)
def story(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(ArticlePage, pk=pk)
    table = Table(
        "languages",
        _("Reads per language since publication"),
        [_("Language"), _("Reads")],
        [
            (str(queries.LANGUAGE_NAMES.get(code, code)), n)
            for code, n in queries.story_reads_by_language(article.pk)
        ],
        "bars",
    )
    context = {
        "story": article,
        "page_title": _("Reach of “%(title)s”") % {"title": article.title},
        "header_icon": "view",
    }
    return _render(request, [table], context)


def data_protection(request: HttpRequest) -> HttpResponse:
    """The readers' data protection statement, listing what reach actually stores."""
    context = {
        "stored": privacy.stored_counts(),
        "buffer_hours": privacy.buffer_hours(),
        "per_minute": privacy.beacons_per_minute(),
    }
    return TemplateResponse(request, "reach/data_protection.html", context)
