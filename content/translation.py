"""modeltranslation registrations: which fields get a column per language.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself. The translation workflow package is named
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


@register(HomePage)
@register(SectionPage)
@register(TopicIndexPage)
@register(RegionIndexPage)
@register(UnitIndexPage)
class ListingPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(ArticlePage)
class ArticlePageTranslation(TranslationOptions):
    fields = ("standfirst", "body", "hero_alt_text", "hero_caption")


@register(Topic)
@register(Region)
class TaxonomyTranslation(TranslationOptions):
    fields = ("name",)


@register(MinistryUnit)
class MinistryUnitTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("role",)


@register(OfficialDocument)
class OfficialDocumentTranslation(TranslationOptions):
    fields = ("title", "issuing_body")


@register(TermbaseEntry)
class TermbaseEntryTranslation(TranslationOptions):
    fields = ("rendering",)
