"""The newsroom's models. Outside code imports from ``content.models``.

Inside the package, dependencies point one way: pages use snippets and querysets, and
article_terms (what an article's footer names) uses pages.
"""

from content.models.article_terms import ArticleTerms, article_terms, terms_of_revision
from content.models.generation import ReaderGeneration
from content.models.memory import MemorySegment
from content.models.pages import (
    ArticleByline,
    ArticleKind,
    ArticlePage,
    ArticleTag,
    BasePage,
    HomePage,
    RegionIndexPage,
    SectionPage,
    TopicIndexPage,
    UnitIndexPage,
    localized_slug_q,
)
from content.models.querysets import LISTING_IMAGE_SPEC, hero_renditions
from content.models.renditions import rendition_or_none
from content.models.review import SectionReviewTask
from content.models.site_roots import site_for_request, site_root_paths
from content.models.snippets import (
    Author,
    DeskAssignment,
    MinistryUnit,
    OfficialDocument,
    Region,
    Tag,
    Topic,
)
from content.models.termbase import TermbaseEntry
from content.models.translations import Translation, TranslationStatus

__all__ = [
    "LISTING_IMAGE_SPEC",
    "ArticleByline",
    "ArticleKind",
    "ArticlePage",
    "ArticleTag",
    "ArticleTerms",
    "Author",
    "BasePage",
    "DeskAssignment",
    "HomePage",
    "MemorySegment",
    "MinistryUnit",
    "OfficialDocument",
    "ReaderGeneration",
    "Region",
    "RegionIndexPage",
    "SectionPage",
    "SectionReviewTask",
    "Tag",
    "TermbaseEntry",
    "Topic",
    "TopicIndexPage",
    "Translation",
    "TranslationStatus",
    "UnitIndexPage",
    "article_terms",
    "hero_renditions",
    "localized_slug_q",
    "rendition_or_none",
    "site_for_request",
    "site_root_paths",
    "terms_of_revision",
]
