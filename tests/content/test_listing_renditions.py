"""A listing's teaser images come with the stories' own query, and follow their focal point."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from content.models import LISTING_IMAGE_SPEC, ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_as_in_production(production_cache):
    """Renditions remembered in each worker's memory, the rest in Redis, as readers are served."""


def story_with(section, image):
    return ArticlePageFactory(parent=section, hero_image=image, hero_alt_text_vi="Cảng biển")


def listed(section):
    """The section's stories as a listing reads them, and the queries that took."""
    caches["renditions"].clear()  # as in a fresh worker: nothing remembered in memory
    with CaptureQueriesContext(connection) as captured:
        stories = list(ArticlePage.objects.child_of(section).newest_first().for_listing())
        urls = {
            story.pk: story.hero_image.get_rendition(LISTING_IMAGE_SPEC).url for story in stories
        }
    return urls, [query["sql"] for query in captured.captured_queries]


def test_teaser_images_cost_no_query_of_their_own(section):
    images = [ImageFactory(file=get_test_image_file(size=(1600, 900))) for _n in range(3)]
    stories = [story_with(section, image) for image in images]
    made = {image.pk: image.get_rendition(LISTING_IMAGE_SPEC).url for image in images}

    urls, queries = listed(section)

    assert urls == {story.pk: made[story.hero_image_id] for story in stories}
    assert len(queries) == 1, queries


def test_a_moved_focal_point_gets_its_own_rendition_not_the_old_one(section):
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)))
    story = story_with(section, image)
    before = image.get_rendition(LISTING_IMAGE_SPEC)
    image.focal_point_x, image.focal_point_y = 1400, 800
    image.focal_point_width = image.focal_point_height = 100
    image.save()

    urls, _queries = listed(section)

    renditions = image.renditions.filter(filter_spec=LISTING_IMAGE_SPEC)
    assert urls[story.pk] != before.url
    after = renditions.exclude(focal_point_key=before.focal_point_key).get()
    assert urls[story.pk] == after.url
    assert listed(section)[0][story.pk] == after.url  # and the next listing reads that one
