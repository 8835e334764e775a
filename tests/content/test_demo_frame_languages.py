"""The demo's frame in all nine languages: site name, sections, terms, roles and documents.

A reader of any language meets the demo's navigation, section names, home page and topic,
region and unit names in their own language, and section URLs in it or in English, never in
Vietnamese; a demo built before those texts were written gets them on its next build.
"""

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname

from content.demo.builder import build_demo_site
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
    Topic,
    TopicIndexPage,
    UnitIndexPage,
)
from tests.factories import ensure_tree_roots

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FOREIGN = [code for code in LANGUAGE_CODES if code not in ("vi", "en")]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_tree_roots()  # a transactional test run before, on this worker, flushed them
        yield build_demo_site()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    return demo_site


def texts_of(instance, field):
    return {
        code: getattr(instance, build_localized_fieldname(field, code)) for code in LANGUAGE_CODES
    }


FRAME = [
    (HomePage, "title"),
    (HomePage, "intro"),
    (SectionPage, "title"),
    (SectionPage, "intro"),
    (TopicIndexPage, "title"),
    (RegionIndexPage, "title"),
    (UnitIndexPage, "title"),
    (Topic, "name"),
    (Region, "name"),
    (MinistryUnit, "name"),
    (MinistryUnit, "description"),
    (Author, "role"),
    (OfficialDocument, "title"),
    (OfficialDocument, "issuing_body"),
]


@pytest.mark.parametrize(("model", "field"), FRAME)
def test_every_frame_text_is_written_in_all_nine_languages(demo, model, field):
    for instance in model.objects.all():
        texts = texts_of(instance, field)
        assert all(texts.values()), (instance, texts)
        if model is not Region or instance.slug != "asean":  # ASEAN is written so everywhere
            # Written for each language, not copied from the source or from English (a word
            # may be the same in one other language: "Editor" is Spanish too).
            assert all(texts[code] != texts["vi"] for code in FOREIGN), texts
            assert sum(texts[code] == texts["en"] for code in FOREIGN) <= 1, texts


def test_sections_have_slugs_of_their_own_language_or_english(demo):
    for section in SectionPage.objects.all():
        slugs = texts_of(section, "slug")
        assert slugs["fr"] != slugs["vi"] and slugs["es"] != slugs["vi"]
        assert all(slugs[code] == slugs["en"] for code in ("ru", "zh-hans", "ja", "ko", "ar"))
        assert all(slug.isascii() for slug in slugs.values())


@pytest.mark.parametrize(
    ("language", "site_name", "section"),
    [
        ("fr", "Salle de presse du ministère", "Affaires étrangères"),
        ("ar", "غرفة أخبار الوزارة", "الشؤون الخارجية"),
        ("zh-hans", "本部新闻中心", "外交"),
    ],
)
def test_a_foreign_reader_meets_the_demo_in_their_language(
    client, demo, language, site_name, section
):
    page = client.get(f"/{language}/").content.decode()
    assert re.search(r"<title>\s*(.*?)\s*</title>", page).group(1) == site_name
    assert section in page
    for vietnamese in ("Đối ngoại", "Bản tin Bộ", "Chủ đề", "Các đơn vị"):
        assert vietnamese not in page
    foreign_affairs = SectionPage.objects.get(slug_vi="doi-ngoai")
    with override(language):
        url = foreign_affairs.get_url()
    assert "doi-ngoai" not in url
    assert client.get(url).status_code == 200


def test_every_tag_of_the_demo_has_a_name_in_all_nine_languages(demo):
    tags = Tag.objects.filter(tagged_articles__isnull=False).distinct()
    assert tags.exists()
    for tag in tags:
        names = texts_of(tag, "label")
        assert all(names.values()), (tag.name, names)
        assert names["en"] != tag.name  # a name, not the word the stories are tagged with
    senior = Tag.objects.get(name="senior-officials")
    assert texts_of(senior, "label")["fr"] == "Hauts fonctionnaires"


def test_a_foreign_reader_sees_a_storys_tags_by_their_names_as_links(client, demo):
    story = ArticlePage.objects.live().in_language("fr").filter(tagged_items__isnull=False)[0]
    with override("fr"):
        html = client.get(story.get_url()).content.decode()
    footer = html.split('class="tag-list"')[1].split("</ul>")[0]
    for tag in story.tags.all():
        assert f"<bdi>{tag.label_fr}</bdi></a>" in footer
        assert f"<bdi>{tag.name}</bdi>" not in footer


def test_an_older_demo_gets_the_missing_languages_and_keeps_an_editors_text(demo):
    topic = Topic.objects.get(slug="investment")
    topic.name_ko = ""
    topic.name_fr = "Investissements étrangers"  # an editor's own wording
    topic.save()
    section = SectionPage.objects.get(slug_vi="doi-ngoai")
    section.title_ja = ""
    section.save_revision().publish()

    build_demo_site()

    topic.refresh_from_db()
    assert (topic.name_ko, topic.name_fr) == ("투자", "Investissements étrangers")
    assert SectionPage.objects.get(pk=section.pk).title_ja == "外交"
