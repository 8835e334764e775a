"""modeltranslation registrations: which fields get a column per language.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself; ArticlePage's own translated fields come from the translation
workflow's list (``content.translating.fields``), the one source of truth, and the check
``content.E003`` compares the two. The translation workflow package is named
``content.translating`` so that it is never confused with this module.
"""

from modeltranslation.translator import TranslationOptions, register

from content.models import (
    ArticlePage,
    Author,
    HomePage,
    MinistryUnit,
    OfficialDocument,
    Region,
    RegionIndexPage,
    SectionPage,
    TermbaseEntry,
    Topic,
    TopicIndexPage,
    UnitIndexPage,
)
from content.translating.fields import ARTICLE_FIELDS


@register(HomePage)
@register(SectionPage)
@register(TopicIndexPage)
@register(RegionIndexPage)
@register(UnitIndexPage)
class ListingPageTranslation(TranslationOptions):
    """Listing pages: their introduction."""

    fields = ("intro",)


@register(ArticlePage)
class ArticlePageTranslation(TranslationOptions):
    """Articles: the fields the translation workflow translates, besides the Page's own."""

    fields = ARTICLE_FIELDS


@register(Topic)
@register(Region)
class TaxonomyTranslation(TranslationOptions):
    """Topics and regions: their names."""

    fields = ("name",)


@register(MinistryUnit)
class MinistryUnitTranslation(TranslationOptions):
    """Ministry units: their name and description."""

    fields = ("name", "description")


@register(Author)
class AuthorTranslation(TranslationOptions):
    """Authors: their role."""

    fields = ("role",)


@register(OfficialDocument)
class OfficialDocumentTranslation(TranslationOptions):
    """Official documents: their title and issuing body."""

    fields = ("title", "issuing_body")


@register(TermbaseEntry)
class TermbaseEntryTranslation(TranslationOptions):
    """Termbase entries: the rendering required in each language."""

    fields = ("rendering",)
