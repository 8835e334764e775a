"""A section, topic, unit or role renamed in one language reaches that language's readers at once.

The menu, the language switcher and a page's alternates are cached as HTML per path and
language under the readers' generation, and whole pages are kept by the page cache in
front of rendering (Varnish's twin, purged the same way): a change to a name of the frame
must reach past both on the next request.
"""

import pytest
from django.utils.translation import override

from content.models import SectionPage
from tests.factories import (
    AuthorFactory,
    MinistryUnitFactory,
    TopicFactory,
    TopicIndexPageFactory,
    UnitIndexPageFactory,
)
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def caches_as_in_production(settings, production_cache):
    """Production's cache (Redis), with Django's page cache in front, purged as production does."""
    settings.NEWSROOM_PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {
        "page-cache": {"BACKEND": "newsroom.front_cache.page_cache.PageCacheBackend"}
    }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def url_in(page, language):
    with override(language):
        return type(page).objects.get(pk=page.pk).get_url()


def test_a_section_renamed_in_french_is_in_the_french_menu_of_every_page(client, section):
    story = published_story(section, {"vi": ("Tin", "Nội dung."), "fr": ("Nouvelle", "Texte.")})
    before = read(client, url_in(story, "fr"))
    assert "Foreign affairs" in before  # no French name yet: the English one, marked

    section = SectionPage.objects.get(pk=section.pk)
    section.title_fr = "Affaires étrangères"
    section.save_revision().publish()

    assert '<span lang="en" dir="auto">Foreign affairs</span>' not in read(client, "/fr/")
    assert "Affaires étrangères" in read(client, url_in(story, "fr"))


def test_a_topic_renamed_in_arabic_shows_on_its_page_and_the_index(client, home, section):
    index = TopicIndexPageFactory(parent=home)
    topic = TopicFactory(slug="investment", name_en="Investment")
    term_page = url_in(index, "ar") + "investment/"
    assert "Investment" in read(client, term_page)
    read(client, url_in(index, "ar"))

    topic.name_ar = "الاستثمار"
    topic.save()

    assert "الاستثمار" in read(client, term_page)
    assert "الاستثمار" in read(client, url_in(index, "ar"))


def test_a_unit_described_in_japanese_shows_on_its_page(client, home, section):
    index = UnitIndexPageFactory(parent=home)
    unit = MinistryUnitFactory(slug="consular", description_en="Consular affairs.")
    page = url_in(index, "ja") + "consular/"
    assert "Consular affairs." in read(client, page)

    unit.description_ja = "領事業務を担当する。"
    unit.save()

    assert "領事業務を担当する。" in read(client, page)


def test_an_authors_role_given_in_french_shows_on_their_stories(client, section):
    story = published_story(section, {"vi": ("Tin", "Nội dung."), "fr": ("Nouvelle", "Texte.")})
    author = AuthorFactory(name="Nguyễn Thu Hà", role_en="Reporter")
    story.bylines.create(author=author)
    story.save_revision().publish()
    assert "Reporter" in read(client, url_in(story, "fr"))

    author.role_fr = "Journaliste"
    author.save()

    assert "Journaliste" in read(client, url_in(story, "fr"))
