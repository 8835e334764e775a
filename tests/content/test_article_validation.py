"""An article refuses incomplete facts with a message on the field at fault."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_hero_image_needs_alternative_text(section):
    story = ArticlePageFactory(parent=section)
    story.hero_image = get_image_model().objects.create(title="hero", file=get_test_image_file())
    story.hero_alt_text_vi = ""
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "hero_alt_text_vi" in error.value.message_dict


def test_the_alternative_text_is_needed_in_the_language_the_story_was_written_in(section):
    story = ArticlePageFactory(parent=section, original_language="en", hero_alt_text_vi="")
    story.hero_image = get_image_model().objects.create(title="hero", file=get_test_image_file())
    story.hero_alt_text_en = "Ships at the port of Hai Phong"
    story.full_clean()  # no Vietnamese text needed in a story written in English
    story.hero_alt_text_en = ""
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "hero_alt_text_en" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "url", "field"),
    [("Báo Đối tác", "", "source_url"), ("", "https://partner.example/story", "source_name")],
)
def test_a_republished_story_names_both_its_outlet_and_its_url(section, name, url, field):
    story = ArticlePageFactory(parent=section)
    story.source_name, story.source_url = name, url
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert field in error.value.message_dict


def test_a_complete_republished_story_is_valid(section):
    story = ArticlePageFactory(
        parent=section, source_name="Báo Đối tác", source_url="https://partner.example/story"
    )
    story.full_clean()
