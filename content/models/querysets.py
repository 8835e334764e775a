"""Queries that listings, feeds and sitemaps share: written once, used everywhere."""

from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    JSONField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import JSONObject
from django.db.models.lookups import StartsWith
from django.db.models.query import ModelIterable
from django.utils import timezone
from modeltranslation import settings as translation_settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from content.frame import fallback_order
from content.models.translations import Translation

LISTING_IMAGE_SPEC = "fill-640x360"


class ArticlePageQuerySet(PageQuerySet):
    """The queries listings, feeds and sitemaps share: what is live, in a language, when."""

    def public(self):
        """Pages no view restriction covers, as Wagtail's ``public``, in the same query.

        Wagtail reads every restriction first, one more query each time it is asked; here a
        restriction on the page or an ancestor (its path a prefix of the page's) excludes it.
        """
        story_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
        covering = PageViewRestriction.objects.filter(StartsWith(story_path, F("page__path")))
        return self.exclude(Exists(covering))

    def in_language(self, language: str):
        """Articles readers may read in ``language``: written in it, or translated and approved.

        Never another language's text: a translation not yet approved is not there at all.
        """
        approved = Translation.objects.filter(page=OuterRef("pk"), language=language, live=True)
        return self.filter(Q(original_language=language) | Exists(approved))

    def published_in(self, language: str):
        """Live, public and written in ``language``: what the search index holds for it."""
        return self.live().public().in_language(language)

    def readable_in(self, language: str):
        """What a reader of ``language`` may see now: published there, and its date has come."""
        return self.published_in(language).filter(publication_date__lte=timezone.now())

    def waiting(self, moment=None):
        """Live, public stories whose publication date is still to come (scheduled, embargoed).

        Still to come after ``moment`` when given (a query prepared once: newsroom/
        prepared_query.py), else now.
        """
        return self.live().public().filter(publication_date__gt=moment or timezone.now())

    def next_to_appear(self):
        """When the next live story's publication date comes (scheduled, or embargoed until).

        Every page that lists stories changes then, with no edit to announce it: whatever
        caches such a page must not keep it longer. None when nothing is waiting.
        """
        return self.waiting().aggregate(first=Min("publication_date"))["first"]

    def next_to_appear_subquery(self, moment=None):
        """``next_to_appear`` (after ``moment``) as an expression, read with another query's row.

        The earliest date by the index on it (``ORDER BY ... LIMIT 1``): as cheap as the
        aggregate, and a subquery that needs no grouping.
        """
        first = self.waiting(moment).order_by("publication_date").values("publication_date")[:1]
        return Subquery(first)

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
        """Everything a teaser or a search hit shows, in the stories' own query.

        The images come joined to the stories' rows, each one's listing rendition with it
        (``ListingIterable``). Nothing else: a teaser shows no topics.
        """
        rendition = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(image=OuterRef("hero_image"), filter_spec=LISTING_IMAGE_SPEC)
            .order_by("-pk")  # the latest made, for the image's focal point as it is now
            .values(json=JSONObject(**{name: name for name in RENDITION_FIELDS}))[:1]
        )
        stories = self.select_related("lead_unit", "hero_image").annotate(
            listing_rendition=Subquery(rendition, output_field=JSONField())
        )
        stories._iterable_class = ListingIterable
        return stories

    def shown_in(self, language: str):
        """Only the columns a teaser in ``language`` may show: no body, no other language's text.

        A story's row holds every language's columns and ten StreamField bodies, each decoded
        when read; a teaser shows its text in the reader's language or a fallback's.
        """
        shown = set(fallback_order(language))
        hidden = [
            build_localized_fieldname(field, code)
            for field in translator.get_options_for_model(self.model).get_field_names()
            for code in translation_settings.AVAILABLE_LANGUAGES
            if field == "body" or code not in shown
        ]
        return self.defer("body", *hidden)

    def with_bodies_shown_in(self, language: str):
        """Every column but the bodies a reader of ``language`` is never shown (a story page)."""
        bodies = [
            build_localized_fieldname("body", code)
            for code in translation_settings.AVAILABLE_LANGUAGES
            if code not in fallback_order(language)
        ]
        return self.defer("body", *bodies)


# What a rendition's row holds besides its image and spec: enough to build it without a query.
RENDITION_FIELDS = ("id", "file", "width", "height", "focal_point_key")


class ListingIterable(ModelIterable):
    """Stories whose hero image knows its listing rendition, read with the story's row.

    Wagtail looks an image's renditions up in ``prefetched_renditions`` first, and only there
    when the list exists: where the latest rendition was made for another focal point, or none
    was made, it finds or makes the right one as it would without the list (the next listing
    reads a new one). A separate prefetch of the renditions would cost every listing a query.
    """

    def __iter__(self):
        for story in super().__iter__():
            found = story.__dict__.pop("listing_rendition", None)
            image = story.hero_image
            if image is not None:
                rendition_model = image.get_rendition_model()
                image.prefetched_renditions = (
                    [rendition_model(image=image, filter_spec=LISTING_IMAGE_SPEC, **found)]
                    if found
                    else []
                )
            yield story


def hero_renditions(*specs):
    """Prefetch the hero images' renditions to ``specs`` (every one made, without specs).

    Wagtail's ``{% image %}`` and ``get_rendition`` read them from there: no query per image.
    """
    renditions = get_image_model().get_rendition_model().objects.all()
    if specs:
        renditions = renditions.filter(filter_spec__in=specs)
    return Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
