"""What a foreign reader sees: listings, articles, languages, and clear 404s."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from tests.factories import (
    ArticlePageFactory,
    MinistryUnitFactory,
    TopicFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def stories(section, count, **kwargs):
    now = timezone.now()
    return [
        ArticlePageFactory(parent=section, publication_date=now - timedelta(hours=i), **kwargs)
        for i in range(count)
    ]


@pytest.fixture
def warm_caches(production_cache):
    """Production's cache, where site root paths, the menu and rendered parts are kept."""


def titles_in(response):
    return [story.title for story in response.context["stories"]]


class TestSectionListing:
    def test_section_lists_its_stories_newest_first(self, client, section):
        oldest, newest = stories(section, 2)[::-1]
        response = client.get(section.url)
        assert titles_in(response) == [newest.title_vi, oldest.title_vi]

    def test_section_paginates_twelve_stories_a_page(self, client, section):
        stories(section, 14)
        assert len(titles_in(client.get(section.url))) == 12
        assert len(titles_in(client.get(section.url + "?page=2"))) == 2

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "99", "1.5"])
    def test_a_bad_page_number_is_a_404_not_an_error(self, client, section, page):
        stories(section, 3)
        assert client.get(section.url, {"page": page}).status_code == 404

    @pytest.mark.parametrize("page", ["abc", "0", "99"])
    def test_a_bad_page_number_is_a_404_with_the_first_page_cached(
        self, client, section, page, warm_caches
    ):
        # The listing's fragments are keyed on the number asked: none is ever kept for it.
        stories(section, 3)
        assert client.get(section.url).status_code == 200
        for _ in range(2):
            assert client.get(section.url, {"page": page}).status_code == 404
        assert client.get(section.url, {"page": "1"}).status_code == 200

    def test_drafts_and_future_stories_are_not_listed(self, client, section):
        stories(section, 1, title="Đã đăng")
        ArticlePageFactory(parent=section, live=False, title="Bản nháp")
        ArticlePageFactory(
            parent=section, title="Sắp đăng", publication_date=timezone.now() + timedelta(days=1)
        )
        assert titles_in(client.get(section.url)) == ["Đã đăng"]

    def test_listing_queries_do_not_grow_with_the_number_of_stories(
        self, client, section, warm_caches, django_assert_max_num_queries
    ):
        def queries_for_a_page_of(count):
            for story in stories(section, count):
                story.topics.add(TopicFactory())
                story.save()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(section.url).status_code == 200
            return len(queries)

        client.get(section.url)  # the first request of a process warms per-process caches
        assert queries_for_a_page_of(2) == queries_for_a_page_of(10)
        # The readers' generation, Wagtail's view restrictions and the count of stories: the
        # page, its menu and its list of stories come from the cache (newsroom/serving.py).
        with django_assert_max_num_queries(3):
            client.get(section.url)


class TestLanguages:
    def test_english_readers_see_only_stories_written_in_english(self, client, section):
        ArticlePageFactory(parent=section, title="Có bản tiếng Anh", title_en="Has English")
        ArticlePageFactory(parent=section, title="Chỉ tiếng Việt", vietnamese_only=True)
        with override("en"):
            english = client.get(section.get_url())
        assert [s.title_en for s in english.context["stories"]] == ["Has English"]

    def test_a_story_in_a_language_it_is_not_written_in_is_a_404(self, client, section):
        story = ArticlePageFactory(parent=section, vietnamese_only=True)
        assert client.get(story.url).status_code == 200
        french = story.url.replace("/vi/", "/fr/", 1)
        assert client.get(french).status_code == 404

    def test_the_404_of_a_missing_translation_offers_the_languages_the_story_is_live_in(
        self, client, section
    ):
        story = ArticlePageFactory(parent=section, title_fr="Brouillon", standfirst_fr="Pas validé")
        story.translations.filter(language="fr").update(live=False)  # submitted, not approved
        vietnamese = story.url
        with override("en"):
            english = story.get_url()
        response = client.get(vietnamese.replace("/vi/", "/fr/", 1))
        assert response.status_code == 404
        html = response.content.decode()
        assert 'class="story-languages"' in html
        assert f'href="{vietnamese}"' in html and f'href="{english}"' in html
        assert "Brouillon" not in html and "Pas validé" not in html
        assert 'hreflang="fr"' not in html

    def test_the_english_story_is_served_at_its_english_slug(self, client, section):
        story = ArticlePageFactory(parent=section, slug_en="trade-talks", title_en="Trade talks")
        with override("en"):
            url = story.get_url()
        assert url.startswith("/en/") and url.endswith("/trade-talks/")
        response = client.get(url)
        assert response.status_code == 200
        assert "Trade talks" in response.content.decode()
        assert 'lang="en"' in response.content.decode()

    def test_arabic_pages_are_right_to_left(self, client, section):
        story = ArticlePageFactory(
            parent=section,
            title_ar="خبر عن التجارة",
            slug_ar="trade-ar",
            standfirst_ar="ملخص الخبر",
        )
        with override("ar"):
            url = story.get_url()
        html = client.get(url).content.decode()
        assert '<html lang="ar" dir="rtl"' in html
        assert "خبر عن التجارة" in html

    def test_the_root_sends_readers_to_a_language(self, client, home):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        assert response["Location"] == "/en/"

    def test_the_article_page_offers_its_languages_and_hreflang(self, client, section):
        story = ArticlePageFactory(parent=section, title_en="Trade talks", slug_en="trade-talks")
        html = client.get(story.url).content.decode()
        assert 'hreflang="en"' in html
        assert 'hreflang="fr"' not in html


class TestArticlePage:
    def test_article_shows_standfirst_body_and_official_documents(self, client, section):
        from tests.factories import OfficialDocumentFactory

        document = OfficialDocumentFactory(number="2387/QD-BCT")
        story = ArticlePageFactory(
            parent=section,
            body_vi=[{"type": "document", "value": document.pk}],
        )
        story.documents.add(document)
        story.save()
        html = client.get(story.url).content.decode()
        assert story.standfirst_vi in html
        assert "2387/QD-BCT" in html

    def test_article_page_queries_are_bounded(
        self, client, section, warm_caches, django_assert_max_num_queries
    ):
        story = ArticlePageFactory(parent=section)
        client.get(story.url)
        # The readers' generation alone: the rest comes from the cache (newsroom/serving.py).
        with django_assert_max_num_queries(1):
            assert client.get(story.url).status_code == 200

    def test_a_draft_story_is_not_served(self, client, section):
        story = ArticlePageFactory(parent=section, live=False)
        assert client.get(story.url or f"{section.url}{story.slug}/").status_code == 404


class TestBrowsePages:
    def test_a_topic_page_lists_its_stories_and_an_unknown_topic_is_a_404(
        self, client, home, section
    ):
        index = TopicIndexPageFactory(parent=home)
        topic = TopicFactory(slug="trade-agreements")
        tagged, _untagged = stories(section, 2)
        tagged.topics.add(topic)
        tagged.save()
        response = client.get(f"{index.url}trade-agreements/")
        assert titles_in(response) == [tagged.title_vi]
        assert client.get(f"{index.url}no-such-topic/").status_code == 404
        assert topic.name_vi in client.get(index.url).content.decode()

    def test_a_unit_page_lists_stories_it_led_or_coordinated(self, client, home, section):
        index = UnitIndexPageFactory(parent=home)
        unit = MinistryUnitFactory(slug="trade-promotion")
        led, coordinated, _other = stories(section, 3)
        led.lead_unit = unit
        led.save()
        coordinated.coordinating_units.add(unit)
        coordinated.save()
        response = client.get(f"{index.url}trade-promotion/")
        assert set(titles_in(response)) == {led.title_vi, coordinated.title_vi}


def test_every_page_carries_the_sections_in_the_main_menu(client, section, other_section):
    story = ArticlePageFactory(parent=section)
    html = client.get(story.url).content.decode()
    for listed in (section, other_section):
        assert f'href="{listed.url}"' in html
