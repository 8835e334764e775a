"""The frame falls back in one stated order: the reader's language, then English, then Vietnamese.

A section, an index page, a topic, a region, a unit or an author's role missing a language
is shown in English before the source, and never in another reader's language.
"""

import pytest
from django.utils.translation import override

from content.frame import fallback_order, text_in
from content.models import SectionPage, Topic
from tests.factories import (
    AuthorFactory,
    MinistryUnitFactory,
    RegionFactory,
    SectionPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_the_order_is_the_readers_language_then_english_then_vietnamese():
    assert fallback_order("fr") == ("fr", "en", "vi")
    assert fallback_order("en") == ("en", "vi")
    assert fallback_order("vi") == ("vi", "en")


def test_a_section_without_french_is_named_in_english_for_a_french_reader(section):
    with override("fr"):
        assert SectionPage.objects.get(pk=section.pk).title == "Foreign affairs"


def test_a_section_with_french_is_named_in_french(section):
    section.title_fr = "Affaires étrangères"
    section.save()
    with override("fr"):
        assert SectionPage.objects.get(pk=section.pk).title == "Affaires étrangères"


def test_a_section_only_in_vietnamese_falls_back_to_vietnamese_last(home):
    section = SectionPageFactory(parent=home, title="Lãnh sự", title_en="")
    with override("ar"):
        assert SectionPage.objects.get(pk=section.pk).title == "Lãnh sự"


def test_another_readers_language_is_never_a_fallback():
    topic = TopicFactory(name_vi="Đầu tư", name_en="", name_fr="Investissement")
    with override("es"):
        assert Topic.objects.get(pk=topic.pk).name == "Đầu tư"


@pytest.mark.parametrize(
    "factory, field",
    [
        (TopicFactory, "name"),
        (RegionFactory, "name"),
        (MinistryUnitFactory, "name"),
        (AuthorFactory, "role"),
    ],
)
def test_taxonomies_and_roles_follow_the_same_order(factory, field):
    record = factory()
    english = getattr(record, f"{field}_en")
    with override("ja"):
        assert getattr(type(record).objects.get(pk=record.pk), field) == english
    setattr(record, f"{field}_ja", "日本語の名前")
    record.save()
    with override("ja"):
        assert getattr(type(record).objects.get(pk=record.pk), field) == "日本語の名前"


def test_text_that_fell_back_says_which_language_it_is_in():
    topic = TopicFactory(name_vi="Đầu tư", name_en="Investment", name_ko="투자")
    assert (str(text_in(topic, "name", "ko")), text_in(topic, "name", "ko").language) == (
        "투자",
        "ko",
    )
    assert text_in(topic, "name", "ru").language == "en"
    assert text_in(topic, "name", "vi").language == "vi"
