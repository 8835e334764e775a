"""A story whose hero image has lost its original file is still found, shown and indexed.

Files go missing in production (a restore without media, a storage hiccup): the reader gets
the story without its picture, never a 500, and the index is never held up by it.
"""

import pytest
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import LISTING_IMAGE_SPEC, rendition_or_none
from search.index import reset_circuit
from search.reader import SearchRequest, elasticsearch_search
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_with_lost_image(section):
    image = get_image_model().objects.create(title="harbour", file=get_test_image_file())
    story = published_story(
        section,
        {"vi": ("Cảng biển mới", "Cảng nước sâu."), "en": ("A new seaport", "A deep-water port.")},
        hero_image=image,
        hero_alt_text_vi="Tàu cập cảng",
        hero_alt_text_en="Ships at the quay",
    )
    image.file.storage.delete(image.file.name)
    return story


def test_a_lost_original_gives_no_rendition(story_with_lost_image):
    assert rendition_or_none(story_with_lost_image.hero_image, LISTING_IMAGE_SPEC) is None
    assert rendition_or_none(None, LISTING_IMAGE_SPEC) is None


def test_database_search_shows_the_story_without_its_picture(
    client, settings, story_with_lost_image
):
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": None}
    reset_circuit()
    response = client.get("/en/search/", {"q": "seaport"})
    assert response.status_code == 200
    [hit] = response.context["result"].hits
    assert hit.page_id == story_with_lost_image.pk and hit.image_url == ""


def test_the_article_page_still_renders(client, story_with_lost_image):
    with override("en"):
        response = client.get(story_with_lost_image.get_url())
    assert response.status_code == 200
    assert "A new seaport" in response.content.decode()


def test_the_story_is_indexed_without_its_picture(search_index, refresh, story_with_lost_image):
    refresh()
    [hit] = elasticsearch_search(SearchRequest(language="en", query="seaport")).hits
    assert hit.page_id == story_with_lost_image.pk and hit.image_url == ""
