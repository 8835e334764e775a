"""Template tags for the site's chrome: menu, languages, taxonomy links, structured data."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from content.models import (
    RegionIndexPage,
    TopicIndexPage,
    UnitIndexPage,
    article_terms,
    terms_of_revision,
)
from newsroom.serving import next_story_appearance as next_appearance_of
from newsroom.serving import reader_generation
from newsroom.structured_data import page_json_ld, share_image
from newsroom.templatetags.frame_tags import frame_pages

register = template.Library()

# The readers' generation keys these entries (newsroom/serving.py): this bounds only what an
# entry nobody asks for again costs the cache.
CHROME_CACHE_SECONDS = 24 * 60 * 60


@register.simple_tag(takes_context=True, name="reader_generation")
def reader_generation_tag(context):
    """The readers' generation, for ``{% cache %}`` keys of what a change must refresh."""
    return reader_generation(context.get("request"))


NOTHING_WAITING = "nothing"


@register.simple_tag(takes_context=True)
def next_story_appearance(context):
    """When the next scheduled or embargoed story becomes readable ("nothing": none waits).

    No edit announces it, so a cached listing must be keyed on it as well as on the readers'
    generation: until then, the stories readable are those readable when it was asked. Read
    with the generation (newsroom/serving.py), in the same query.
    """
    return next_appearance_of(context.get("request")) or NOTHING_WAITING


@register.simple_tag(takes_context=True)
def footer_terms(context, page):
    """The article's coordinating units, topics, regions and tags (``content.models.ArticleTerms``).

    In one query as published; a preview's as the revision previewed has them.
    """
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return terms_of_revision(page)
    return article_terms(page.pk, get_language())


TAXONOMY_INDEXES = {"topics": TopicIndexPage, "regions": RegionIndexPage, "units": UnitIndexPage}


@register.simple_tag(takes_context=True)
def taxonomy_index_urls(context):
    """URL of the site's topics, regions and units indexes, by taxonomy, cached like the menu.

    A term's page is its index's URL followed by the term's slug.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}

    def build():
        # One query for the three indexes, their types joined in; URLs are on the base row.
        # Index pages are children of the home page, among the frame's pages.
        urls = {}
        for page in frame_pages(request, site):
            model = ContentType.objects.get_for_id(page.content_type_id).model_class()
            for taxonomy, index_model in TAXONOMY_INDEXES.items():
                if model is index_model:
                    urls.setdefault(taxonomy, page.get_url(request))
        return urls

    key = f"taxonomy-index-urls:{reader_generation(request)}:{site.pk}:{get_language()}"
    return cache.get_or_set(key, build, CHROME_CACHE_SECONDS)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD (newsroom/structured_data.py), as a data script element."""
    if context.get("story_elsewhere"):  # a story's 404 in a language it is not in
        return ""
    return page_json_ld(context)


@register.simple_tag(takes_context=True, name="share_image")
def share_image_tag(context, page):
    """URL, size and text alternative of the article's image for cards, or None."""
    return share_image(page, context["request"])
