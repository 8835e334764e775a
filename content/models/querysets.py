"""Queries that listings, feeds and sitemaps share: written once, used everywhere."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

LISTING_IMAGE_SPEC = "fill-640x360"


class ArticlePageQuerySet(PageQuerySet):
    def in_language(self, language: str):
        """Articles that have their own text in ``language``: never another language's text.

        The translation workflow narrows this to translations approved in that language.
        """
        # The standfirst, not the title: Wagtail requires a title in the source language even
        # for a story that was written in another.
        standfirst = build_localized_fieldname("standfirst", language)
        return self.exclude(Q(**{f"{standfirst}__isnull": True}) | Q(**{standfirst: ""}))

    def published_in(self, language: str):
        """Live, public and written in ``language``: what the search index holds for it."""
        return self.live().public().in_language(language)

    def readable_in(self, language: str):
        """What a reader of ``language`` may see now: published there, and its date has come."""
        return self.published_in(language).filter(publication_date__lte=timezone.now())

    def about(self, topic=None, region=None, unit=None, tag=None):
        """Stories with this topic, region or tag, or led or coordinated by this unit (slugs)."""
        stories = self
        if topic:
            stories = stories.filter(topics__slug=topic)
        if region:
            stories = stories.filter(regions__slug=region)
        if unit:
            stories = stories.filter(Q(lead_unit__slug=unit) | Q(coordinating_units__slug=unit))
        if tag:
            stories = stories.filter(tags__slug=tag)
        return stories

    def newest_first(self):
        return self.order_by("-publication_date", "-pk")

    def for_listing(self):
        """Everything a teaser shows, fetched in a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(LISTING_IMAGE_SPEC)
        return self.select_related("lead_unit").prefetch_related(
            Prefetch("hero_image", queryset=images),
            "topics",
        )
