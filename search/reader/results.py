"""What a reader asks the search and gets back: the request, its hits, facets and paging."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.safestring import SafeString

PAGE_SIZE = 10
MAX_PAGE = 100  # Elasticsearch pages at most 10,000 hits deep


@dataclass(frozen=True)
class SearchRequest:
    """A reader's search: words, filters, sort and page, in the language of the page."""

    language: str
    query: str = ""
    section: str | None = None
    topic: str | None = None
    unit: str | None = None
    region: str | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    facets: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass
class Hit:
    """One story found: its title and snippet are HTML, with the reader's words marked."""

    page_id: int
    title: SafeString
    snippet: SafeString
    url: str
    kind: str
    publication_date: datetime | None
    section: str = ""
    image_url: str = ""
    image_alt: str = ""


@dataclass
class FacetValue:
    """One value of a facet, how many results have it, and whether it filters them now."""

    key: str
    label: str
    count: int
    selected: bool = False
    url: str = ""  # the results with this value's filter toggled


@dataclass
class SearchResult:
    """A page of hits, the total, the facets and a suggestion, whichever backend answered."""

    hits: list[Hit]
    total: int
    request: SearchRequest
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    degraded: bool = False  # Elasticsearch was configured but did not answer

    @property
    def page_count(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1
