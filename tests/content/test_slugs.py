"""Slugs are readable ASCII made from each language's own title, never typed by hand."""

import pytest
from django.urls import reverse

from content.models import ArticlePage
from content.slugs import ascii_slug, slug_in
from tests.content.admin_forms import add_form_data


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Việt Nam và Nhật Bản thúc đẩy hợp tác bán dẫn",
            "viet-nam-va-nhat-ban-thuc-day-hop-tac-ban-dan",
        ),
        ("Đối thoại chiến lược Đà Nẵng", "doi-thoai-chien-luoc-da-nang"),
        (
            "Coopération économique : l’œuvre d’une année",
            "cooperation-economique-loeuvre-dune-annee",
        ),
        ("Año de diálogo con España", "ano-de-dialogo-con-espana"),
        ("Semiconductor talks move ahead", "semiconductor-talks-move-ahead"),
    ],
)
def test_latin_script_titles_become_readable_ascii(title, slug):
    assert ascii_slug(title) == slug


def test_a_long_title_is_cut_at_a_word():
    slug = ascii_slug("Hợp tác " * 30)
    assert len(slug) <= 80
    assert slug.endswith("hop-tac")


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ja", "ko", "ru"])
def test_non_latin_languages_borrow_the_lent_slug(language):
    assert slug_in(language, "Япония и Вьетнам", "japan-and-viet-nam") == "japan-and-viet-nam"


def test_a_latin_language_uses_its_own_title():
    assert (
        slug_in("fr", "Le Japon et le Viet Nam", "japan-and-viet-nam") == "le-japon-et-le-viet-nam"
    )


@pytest.mark.django_db
class TestInTheEditor:
    def add(self, client, section, title):
        url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
        return client.post(url, add_form_data(client, section, title_vi=title))

    def test_a_new_vietnamese_story_gets_an_ascii_slug_from_its_title(
        self, client, section, writer
    ):
        client.force_login(writer)
        self.add(client, section, "Việt Nam và Nhật Bản ký thỏa thuận")
        story = ArticlePage.objects.get()
        assert story.slug_vi == "viet-nam-va-nhat-ban-ky-thoa-thuan"
        assert story.get_latest_revision_as_object().slug_vi == story.slug_vi

    def test_a_second_story_with_the_same_title_gets_its_own_slug(self, client, section, writer):
        client.force_login(writer)
        self.add(client, section, "Họp báo thường kỳ")
        self.add(client, section, "Họp báo thường kỳ")
        slugs = sorted(ArticlePage.objects.values_list("slug_vi", flat=True))
        assert slugs == ["hop-bao-thuong-ky", "hop-bao-thuong-ky-2"]


@pytest.mark.django_db
def test_a_published_story_whose_slug_changes_is_still_found_at_its_old_address(
    client, section, django_capture_on_commit_callbacks
):
    from tests.factories.stories import published_story

    story = published_story(section, {"vi": ("Hội nghị xuất khẩu", "Nội dung.")})
    old_url = story.get_url()
    edited = story.get_latest_revision_as_object()
    edited.slug_vi = "hoi-nghi-xuat-khau-ben-vung"
    with django_capture_on_commit_callbacks(execute=True):
        edited.save_revision().publish()
    new_url = ArticlePage.objects.get(pk=story.pk).get_url()
    assert new_url != old_url
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response.url.endswith(new_url)
