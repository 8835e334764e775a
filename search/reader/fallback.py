"""Reader search on the database, for when Elasticsearch is not configured or does not answer.

The fallback never touches Elasticsearch: it searches through Wagtail's database backend,
named explicitly (``FALLBACK_BACKEND``), which Wagtail's own signal handlers keep current and
editors' admin search shares. That backend matches whole words and stems none, so in three
kinds of language a reader's word is also looked for inside the language's own title,
standfirst and body columns:

- written without spaces between words (Chinese, Japanese; Korean's particles, which a
  typed word loses);
- attaching particles to the front of a word (Arabic's article, "al-"): a word is found with
  them, and a word typed with the article is found without it;
- inflecting a word's ending (Russian, French, Spanish, Arabic): a long word is looked for
  without its last two letters, a stem crude enough for a fallback and no more.

Numbers and official documents' numbers are looked for the same way in every language, as
whole numbers, ``D`` and ``Đ`` alike (the backend's tokens split them or miss the ``Đ``).

Readers often type without the marks (``thuong mai`` for ``thương mại``, ``geographique``).
When nothing is found as typed in Vietnamese, English, French or Spanish, the words of plain
letters are looked for again in the title and standfirst with their marks removed
(``unmarked.py``): whole words, or the start of one in the inflecting languages.
"""

import json
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Case, Count, IntegerField, Q, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Cast
from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname
from wagtail.search.backends import get_search_backend

from content.models import LISTING_IMAGE_SPEC, ArticlePage, SectionPage, rendition_or_none
from search.index import StoryUrls
from search.reader.matching import OTHER_DASHES
from search.reader.results import PAGE_SIZE, Hit, SearchRequest, SearchResult
from search.reader.unmarked import is_plain_word, may_be_unmarked, word_pattern

# The Wagtail search backend the fallback uses; a system check (search.E004) holds it to
# a database backend, so that no fallback path ever waits on Elasticsearch.
FALLBACK_BACKEND = "default"
DATABASE_BACKENDS = "modelsearch.backends.database"
# Languages whose words are not separated by spaces, matched as substrings.
UNSPACED_LANGUAGES = frozenset({"zh-hans", "ja", "ko"})
# Languages that attach particles to the front of a word, and the article a typed word loses.
PREFIXING_LANGUAGES = {"ar": "ال"}
# Korean writes its particles after the noun: a typed noun loses them (longest first).
PARTICLES = {"ko": ("에서", "에게", "으로", "를", "을", "에", "는", "은", "가", "의", "도", "로")}
# Languages that inflect a word's ending; a word keeps at least STEM_LETTERS letters.
INFLECTING_LANGUAGES = frozenset({"ru", "fr", "es", "ar"})
ENDING_LETTERS = 2
STEM_LETTERS = 5
SUBSTRING_LANGUAGES = UNSPACED_LANGUAGES | PREFIXING_LANGUAGES.keys() | INFLECTING_LANGUAGES
# Any of them stands for any other in a document number (the hyphen first: literal in a class).
DASHES = "-" + OTHER_DASHES
# How many of the backend's matches a substring search adds to its own, at most.
MAX_BACKEND_MATCHES = 200


def is_database_backend(backend: Any) -> bool:
    """Whether ``backend`` is one of Wagtail's database search backends."""
    return type(backend).__module__.startswith(DATABASE_BACKENDS)


def fallback_backend() -> Any:
    """Wagtail's database search backend, as configured under ``FALLBACK_BACKEND``."""
    backend = get_search_backend(FALLBACK_BACKEND)
    if not is_database_backend(backend):
        raise ImproperlyConfigured(
            f"WAGTAILSEARCH_BACKENDS[{FALLBACK_BACKEND!r}] must be a database backend."
        )
    return backend


def matched_part(language: str, word: str) -> str:
    """The part of a reader's ``word`` looked for inside the text, in ``language``."""
    if not word.isalpha():
        return word  # numbers, document numbers, abbreviations with marks: as typed
    article = PREFIXING_LANGUAGES.get(language)
    if article and word.startswith(article) and len(word) - len(article) >= 3:
        word = word.removeprefix(article)
    for particle in PARTICLES.get(language, ()):
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            word = word.removesuffix(particle)
            break
    if language in INFLECTING_LANGUAGES and len(word) > STEM_LETTERS:
        word = word[: max(STEM_LETTERS, len(word) - ENDING_LETTERS)]
    return word


def is_number(term: str) -> bool:
    """Whether ``term`` is a number or an official document's (``1846``, ``86/2025/ND-CP``)."""
    return any(character.isdigit() for character in term)


def number_pattern(term: str) -> str:
    r"""A pattern finding ``term`` as a whole, ``D`` and ``Đ`` alike, any dash for any dash.

    Neither a longer number (``11846``) nor a block's id (hex digits and letters) holds it;
    JSON as SQLite stores it writes ``Đ`` as ``\u0110`` and an en dash as ``\u2013``.
    """
    body = "".join(
        r"(?:[dDđĐ]|\\u011[01])"
        if character in "dDđĐ"
        else rf"(?:[{DASHES}]|\\u201[0-4])"
        if character in DASHES
        else re.escape(character)
        for character in term
    )
    return rf"(^|[^0-9A-Za-z]){body}([^0-9A-Za-z]|$)"


def _spellings(term: str, sqlite: bool) -> set[str]:
    """``term`` as typed; on SQLite (ASCII case folding only) lower-cased and capitalised too."""
    return {term, term.lower(), term.capitalize()} if sqlite else {term}


def _containing_any(field: str, texts: set[str]) -> Q:
    matches = Q(pk__in=[])
    for text in texts:
        matches |= Q(**{f"{field}__icontains": text})
    return matches


def _term_match(language: str, term: str, vendor: str, unmarked: bool) -> tuple[Q, Q, Q]:
    """Matches of ``term`` in ``language``'s title, standfirst and body (a JSON column)."""
    title = build_localized_fieldname("title", language)
    standfirst = build_localized_fieldname("standfirst", language)
    if unmarked and is_plain_word(term):
        # A word of the text without its marks (the start of one where ``term`` is a stem);
        # in bodies, the backend's tokens find the words typed as written.
        word = word_pattern(term, vendor, stem=language in INFLECTING_LANGUAGES)
        return (
            Q(**{f"{title}__unaccent__iregex": word}),
            Q(**{f"{standfirst}__unaccent__iregex": word}),
            Q(pk__in=[]),
        )
    sqlite = vendor == "sqlite"
    if is_number(term):
        pattern = number_pattern(term)
        return (
            Q(**{f"{title}__iregex": pattern}),
            Q(**{f"{standfirst}__iregex": pattern}),
            Q(body_text__iregex=pattern),
        )
    spellings = _spellings(term, sqlite)
    # JSON keys, block types and ids are ASCII: only other words are looked for in bodies,
    # which SQLite stores with non-ASCII characters escaped.
    in_json = set() if term.isascii() else set(spellings)
    if sqlite:
        in_json |= {json.dumps(spelling)[1:-1] for spelling in in_json}
    return (
        _containing_any(title, spellings),
        _containing_any(standfirst, spellings),
        _containing_any("body_text", in_json),
    )


def substring_matches(
    stories: QuerySet, language: str, query: str, unmarked: bool = False
) -> QuerySet:
    """``stories`` containing every word of ``query``, title matches first (``rank``).

    With ``unmarked``, words of plain letters are matched without their marks.
    """
    terms = [matched_part(language, word) for word in query.split()[:10]]
    if not terms:
        return stories.annotate(rank=Value(0))
    body_field = build_localized_fieldname("body", language)
    stories = stories.alias(body_text=Cast(body_field, TextField()))  # matched, not read
    vendor = connections[stories.db].vendor
    every, in_titles, in_standfirsts = Q(), Q(), Q()
    for term in terms:
        title, standfirst, body = _term_match(language, term, vendor, unmarked)
        every &= title | standfirst | body
        in_titles &= title
        in_standfirsts &= standfirst
    if any(term.isascii() and not is_number(term) for term in terms):
        # Such a word was not looked for in the bodies: the backend's tokens find it there.
        found = fallback_backend().search(
            query, stories.model.objects.filter(pk__in=stories.values("pk")), operator="and"
        )
        every |= Q(pk__in=[page.pk for page in found[:MAX_BACKEND_MATCHES]])
    return stories.filter(every).annotate(
        rank=Case(
            When(in_titles, then=Value(2)),
            When(in_standfirsts, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def text_matches(
    stories: QuerySet, language: str, query: str, by_relevance: bool, unmarked: bool = False
) -> Any:
    """``stories`` matching ``query`` on the database, most relevant or newest first.

    Counts and slices like a queryset. ``stories`` must be filtered on indexed fields only
    (re-select them by ``pk`` first), as Wagtail's search backends require. With
    ``unmarked`` (only where ``may_be_unmarked``), words of plain letters are matched without
    their marks.
    """
    if language in SUBSTRING_LANGUAGES or any(map(is_number, query.split())) or unmarked:
        matches = substring_matches(stories, language, query, unmarked)
        if by_relevance:
            return matches.order_by("-rank", "-publication_date", "-pk")
        return matches.order_by("-publication_date", "-pk")
    return fallback_backend().search(
        query, stories, operator="and", order_by_relevance=by_relevance
    )


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
    found: Any = (
        ArticlePage.objects.filter(pk__in=stories.values("pk"))
        .for_listing()
        .shown_in(request.language)
        .annotate(found_total=Window(Count("pk")))
    )
    by_relevance = bool(request.query) and request.sort != "date"
    if not by_relevance:
        # Newest first, ties by id: the search backend sorts only on its filter fields ("pk"
        # is none of them).
        found = found.order_by("-publication_date", "-id")
    if not request.query:
        pages, total = _page_and_total(found, request)
    else:
        asked = (request.language, request.query, by_relevance)
        pages, total = _page_and_total(text_matches(found, *asked), request)
        if not total and may_be_unmarked(
            request.language, request.query, connections[found.db].vendor
        ):
            # Nothing as typed: the reader may have left the marks out.
            pages, total = _page_and_total(text_matches(found, *asked, unmarked=True), request)
    return SearchResult(
        hits=hits_from_pages(pages, request.language),
        total=total,
        request=request,
        degraded=degraded,
    )


def _page_and_total(found: Any, request: SearchRequest) -> tuple[list, int]:
    """The page of ``found`` the reader asked for, and how many were found in all.

    Each row carries the number of matches (a window over the same query): no count query,
    unless the reader asked for a page past the last.
    """
    pages = list(found[request.offset : request.offset + PAGE_SIZE])
    return pages, pages[0].found_total if pages else (found.count() if request.offset else 0)


def _section_path(section_id: str) -> str:
    section = SectionPage.objects.filter(pk=section_id).only("path").first()
    return section.path if section else "-"


def hits_from_pages(pages: list[ArticlePage], language: str) -> list[Hit]:
    """Hits read from the pages themselves, their URLs worked out together (one site lookup)."""
    urls = StoryUrls()
    return [hit_from_page(page, language, urls) for page in pages]


def hit_from_page(page: ArticlePage, language: str, urls: StoryUrls | None = None) -> Hit:
    """A hit read from the page itself, in ``language``, with nothing highlighted.

    Its URL is the path the index would hold (``StoryUrls``): ``page.get_url()`` would look
    the sites up in the cache for every hit.
    """

    def localized(name: str) -> str:
        return getattr(page, build_localized_fieldname(name, language)) or ""

    rendition = rendition_or_none(page.hero_image, LISTING_IMAGE_SPEC)
    return Hit(
        page_id=page.pk,
        title=escape(localized("title")),
        snippet=escape(localized("standfirst")),
        url=(urls or StoryUrls()).path(page, language),
        kind=page.kind,
        publication_date=page.publication_date,
        image_url=rendition.url if rendition else "",
        image_alt=localized("hero_alt_text"),
    )
