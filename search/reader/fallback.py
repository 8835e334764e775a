"""Reader search on the database, for when Elasticsearch is not configured or does not answer."""

from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname

from content.models import LISTING_IMAGE_SPEC, ArticlePage, SectionPage
from search.reader.results import PAGE_SIZE, Hit, SearchRequest, SearchResult


def database_search(request: SearchRequest, degraded: bool = False) -> SearchResult:
    """The same search on the database: text match, filters and dates, without facets."""
    stories = ArticlePage.objects.readable_in(request.language)
    if request.section:
        stories = stories.filter(path__startswith=_section_path(request.section))
    stories = stories.about(topic=request.topic, region=request.region, unit=request.unit)
    if request.year:
        stories = stories.filter(publication_date__year=request.year)
    if request.date_from:
        stories = stories.filter(publication_date__date__gte=request.date_from)
    if request.date_to:
        stories = stories.filter(publication_date__date__lte=request.date_to)
    # Search backends filter only on indexed fields, so select the matching stories first.
    found = ArticlePage.objects.filter(pk__in=stories.values("pk")).for_listing()
    by_relevance = bool(request.query) and request.sort != "date"
    if not by_relevance:
        found = found.newest_first()
    if request.query:
        found = found.search(request.query, operator="and", order_by_relevance=by_relevance)
    total = found.count()
    pages = list(found[request.offset : request.offset + PAGE_SIZE])
    return SearchResult(
        hits=[hit_from_page(page, request.language) for page in pages],
        total=total,
        request=request,
        degraded=degraded,
    )


def _section_path(section_id: str) -> str:
    section = SectionPage.objects.filter(pk=section_id).only("path").first()
    return section.path if section else "-"


def hit_from_page(page: ArticlePage, language: str) -> Hit:
    """A hit read from the page itself, in ``language``, with nothing highlighted."""

    def localized(name: str) -> str:
        return getattr(page, build_localized_fieldname(name, language)) or ""

    image_url = ""
    if page.hero_image:
        image_url = page.hero_image.get_rendition(LISTING_IMAGE_SPEC).url
    return Hit(
        page_id=page.pk,
        title=escape(localized("title")),
        snippet=escape(localized("standfirst")),
        url=page.get_url(),
        kind=page.kind,
        publication_date=page.publication_date,
        image_url=image_url,
        image_alt=localized("hero_alt_text"),
    )
