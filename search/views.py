"""The reader's search page."""

from django.template.response import TemplateResponse

from content.models.pages import paginate
from search.queries import clean_query, search_articles


def search_page(request):
    query = clean_query(request.GET.get("q"))
    results = paginate(request, search_articles(query)) if query else None
    return TemplateResponse(
        request, "search/search_page.html", {"query": query, "results": results}
    )
