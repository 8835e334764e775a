"""modeltranslation registrations: which fields get a column per language.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself; ArticlePage's own translated fields come from the translation
workflow's list (``content.translating.fields``), the one source of truth, and the check
``content.E003`` compares the two. The translation workflow package is named
``content.translating`` so that it is never confused with this module.

What frames stories (listing pages, topics, regions, units, roles, documents) falls back in
the frame's order, the reader's language, then English, then Vietnamese (``content.frame``);
stories' own fields keep the source as their only fallback, and readers never reach it.
"""

from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, register
from wagtail.models import Page

from content.frame import modeltranslation_fallback
from content.models import (
    ArticlePage,
    Author,
    HomePage,
    MinistryUnit,
    OfficialDocument,
    Region,
    RegionIndexPage,
    SectionPage,
    Tag,
    TermbaseEntry,
    Topic,
    TopicIndexPage,
    UnitIndexPage,
)
from content.translating.fields import ARTICLE_FIELDS

FRAME_PAGES = (HomePage, SectionPage, TopicIndexPage, RegionIndexPage, UnitIndexPage)


@register(HomePage)
@register(SectionPage)
@register(TopicIndexPage)
@register(RegionIndexPage)
@register(UnitIndexPage)
class ListingPageTranslation(TranslationOptions):
    """Listing pages: their introduction."""

    fields = ("intro",)
    fallback_languages = modeltranslation_fallback()


# Page's own fields are registered on Page, with the source as their only fallback: a frame
# page's title (a section's name, the site's name) follows the frame's order instead. Not the
# slug: routing and the URL paths follow the source's slug where a language has none.
for frame_page in FRAME_PAGES:
    for page_field in ("title", "seo_title", "search_description"):
        setattr(
            frame_page,
            page_field,
            TranslationFieldDescriptor(
                Page._meta.get_field(page_field), fallback_languages=modeltranslation_fallback()
            ),
        )


@register(ArticlePage)
class ArticlePageTranslation(TranslationOptions):
    """Articles: the fields the translation workflow translates, besides the Page's own."""

    fields = ARTICLE_FIELDS


@register(Topic)
@register(Region)
class TaxonomyTranslation(TranslationOptions):
    """Topics and regions: their names."""

    fields = ("name",)
    fallback_languages = modeltranslation_fallback()


@register(Tag)
class TagTranslation(TranslationOptions):
    """Free tags: the name readers see (editors type ``name``, which taggit matches)."""

    fields = ("label",)
    fallback_languages = modeltranslation_fallback()


@register(MinistryUnit)
class MinistryUnitTranslation(TranslationOptions):
    """Ministry units: their name and description."""

    fields = ("name", "description")
    fallback_languages = modeltranslation_fallback()


@register(Author)
class AuthorTranslation(TranslationOptions):
    """Authors: their role."""

    fields = ("role",)
    fallback_languages = modeltranslation_fallback()


@register(OfficialDocument)
class OfficialDocumentTranslation(TranslationOptions):
    """Official documents: their title and issuing body."""

    fields = ("title", "issuing_body")
    fallback_languages = modeltranslation_fallback()


@register(TermbaseEntry)
class TermbaseEntryTranslation(TranslationOptions):
    """Termbase entries: the rendering required in each language."""

    fields = ("rendering",)
