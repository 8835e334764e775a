"""Django's page cache: anonymous pages served without rendering, forgotten on the same purges.

Production turns it on with its purge backend (newsroom.settings.production); here each test
does, over production's cache (Redis) under keys of its own. A page served from it costs no
database query.
"""

import pytest

from newsroom.front_cache.page_cache import prefixes
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache(settings, production_cache):
    """Production's cache on Redis, with Django's page cache and its purge backend on."""
    settings.NEWSROOM_PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {
        "page-cache": {"BACKEND": "newsroom.front_cache.page_cache.PageCacheBackend"}
    }


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


@pytest.fixture
def wsgi_application():
    from django.core.handlers.wsgi import WSGIHandler

    from newsroom.front_cache.page_cache import PageCacheApplication

    return PageCacheApplication(WSGIHandler())


def wsgi_get(application, path: str, **headers) -> tuple[str, dict[str, str], bytes]:
    """``path`` through the WSGI application as gunicorn calls it: status, headers, body."""
    from django.test import RequestFactory

    environ = RequestFactory().get(path, **headers).environ
    answer: dict = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=dict(response_headers))

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


def test_a_cached_page_is_answered_before_django_with_the_same_headers(
    page_cache, wsgi_application, section, django_assert_num_queries
):
    published_story(section, {"vi": ("Tin", "Nội dung."), "en": ("Trade talks", "Text.")})
    status, rendered_headers, rendered = wsgi_get(wsgi_application, "/en/")

    with django_assert_num_queries(0):
        status_again, headers, body = wsgi_get(wsgi_application, "/en/")

    assert (status, status_again) == ("200 OK", "200 OK")
    assert body == rendered and b"Trade talks" in body
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Cache-Control",
    ):
        assert headers[name] == rendered_headers[name]
    assert "Set-Cookie" not in headers


def test_a_purge_reaches_the_copies_the_wsgi_application_serves(
    page_cache, wsgi_application, section
):
    published_story(section, {"vi": ("Tin cũ", "Nội dung."), "en": ("Old news", "Text.")})
    wsgi_get(wsgi_application, "/en/")

    published_story(section, {"en": ("Fresh conference", "Text.")})

    assert b"Fresh conference" in wsgi_get(wsgi_application, "/en/")[2]


def test_a_page_that_differs_by_the_readers_language_preference_is_not_kept(page_cache, client):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from newsroom.front_cache.page_cache import keep, look_up

    request = RequestFactory().get("/robots.txt")
    response = HttpResponse("per language")
    response["Cache-Control"] = "public, s-maxage=600"
    response["Vary"] = "Accept-Language"
    keep(look_up(request), request, response)

    assert look_up(request).found is None


def test_a_foreign_host_gets_django_s_400_not_an_error(
    page_cache, wsgi_application, section, settings
):
    settings.ALLOWED_HOSTS = ["testserver"]
    status, _, _ = wsgi_get(wsgi_application, "/en/", HTTP_HOST="evil.example")
    assert status.startswith("400")
