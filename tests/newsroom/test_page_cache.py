"""Django's page cache: anonymous pages served without rendering, forgotten on the same purges.

Production turns it on with its purge backend (newsroom.settings.production); here each test
does, over the test cache. A page served from it costs no database query.
"""

import pytest

from newsroom.front_cache.page_cache import prefixes
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {
        "page-cache": {"BACKEND": "newsroom.front_cache.page_cache.PageCacheBackend"}
    }
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pc"},
    }
    from django.core.cache import cache

    cache.clear()


def test_each_prefix_of_a_path_is_one_a_purge_may_name():
    assert prefixes("/") == ["/"]
    assert prefixes("/en/") == ["/", "/en/"]
    assert prefixes("/en/trade/story/") == ["/", "/en/", "/en/trade/", "/en/trade/story/"]
    assert prefixes("/en/feeds/all.rss") == ["/", "/en/", "/en/feeds/", "/en/feeds/all.rss"]


def test_a_page_read_again_costs_no_query(page_cache, client, section, django_assert_num_queries):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("Trade talks", "Text.")})
    first = client.get("/en/")
    with django_assert_num_queries(0):
        again = client.get("/en/")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_publish_is_on_the_next_page_read_and_other_languages_stay_cached(
    page_cache, client, section, django_assert_num_queries
):
    published_story(section, {"vi": ("Tin cũ", "Nội dung."), "en": ("Old news", "Text.")})
    client.get("/en/")
    client.get("/vi/")

    published_story(section, {"en": ("Fresh conference", "Text.")})

    assert b"Fresh conference" in client.get("/en/").content
    with django_assert_num_queries(0):
        assert client.get("/vi/").status_code == 200


def test_editors_and_partners_get_pages_of_their_own(page_cache, client, section, writer):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("Trade talks", "Text.")})
    client.get("/en/")
    client.get("/en/feeds/all.rss")

    client.force_login(writer)
    signed_in = client.get("/en/")
    client.logout()
    partner = client.get("/en/feeds/all.rss", {"token": "not-a-token"})

    assert "private" in signed_in["Cache-Control"]
    assert partner.status_code == 401  # answered by the view, not from the cache
