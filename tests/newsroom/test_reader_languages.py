"""Every reader meets their own language: the frame translated, a switcher on every page type.

The switcher offers each language the page can be read in, at the same page in that
language: a story only its live languages (and, in each other language, a line saying it is
not there yet), every other page all nine. hreflang, x-default and canonical links are on
the host the reader asked, never on a Site row's or the admin's.
"""

import re

import pytest
from django.conf import settings
from django.utils.translation import override

from content.models import SectionPage
from tests.factories import TopicFactory, TopicIndexPageFactory, UnitIndexPageFactory
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def html(response, status=200):
    assert response.status_code == status
    return response.content.decode()


def title_of(page_html):
    return re.search(r"<title>(.*?)</title>", page_html, re.S).group(1).strip()


def switcher(page_html):
    """(hreflang, href) of each link of the language switcher's list."""
    nav = re.search(r'<nav class="language-switcher".*?</ul>', page_html, re.S).group(0)
    return re.findall(r'<a href="([^"]*)"\s+lang="[^"]*" hreflang="([^"]*)"', nav)


def alternates(page_html):
    """The page's alternate links: language code (or x-default) → href."""
    found = re.findall(r'<link rel="alternate" hreflang="([^"]*)"\s+href="([^"]*)"', page_html)
    return dict(found)


def canonical(page_html):
    return re.search(r'<link rel="canonical"\s+href="([^"]*)"', page_html).group(1)


def url_in(page, language):
    with override(language):
        return type(page).objects.get(pk=page.pk).get_url()


def publish(page, **texts):
    for field, text in texts.items():
        setattr(page, field, text)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def french_frame(home, section):
    home = publish(home, title_fr="Salle de presse", intro_fr="L’actualité du ministère.")
    section = publish(section, title_fr="Affaires étrangères", slug_fr="affaires-etrangeres")
    return home, section


@pytest.mark.usefixtures("french_frame")
def test_a_french_reader_sees_french_navigation_and_site_name(client):
    page = html(client.get("/fr/"))
    assert title_of(page) == "Salle de presse"
    assert "L’actualité du ministère." in page
    assert '<a href="/fr/affaires-etrangeres/">Affaires étrangères</a>' in page
    assert "Đối ngoại" not in page
    assert title_of(html(client.get("/fr/affaires-etrangeres/"))) == (
        "Affaires étrangères — Salle de presse"
    )


def test_the_english_home_page_names_the_site_once(client, section):
    assert title_of(html(client.get("/en/"))) == "Newsroom"
    assert title_of(html(client.get(url_in(section, "en")))) == "Foreign affairs — Newsroom"


def test_a_frame_missing_in_a_language_is_shown_in_english_and_marked_as_such(client, section):
    page = html(client.get("/ar/"))
    assert '<span lang="en" dir="auto">Foreign affairs</span>' in page
    assert "Đối ngoại" not in page


@pytest.mark.parametrize("kind", ["home", "section", "topic index", "topic", "unit index"])
def test_an_arabic_reader_is_offered_every_language_at_the_same_page(client, french_frame, kind):
    home, section = french_frame
    index = TopicIndexPageFactory(parent=home)
    units = UnitIndexPageFactory(parent=home)
    TopicFactory(slug="investment")
    page, tail = {
        "home": (home, ""),
        "section": (section, ""),
        "topic index": (index, ""),
        "topic": (index, "investment/"),
        "unit index": (units, ""),
    }[kind]
    offered = switcher(html(client.get(url_in(page, "ar") + tail)))
    assert [code for _url, code in offered] == LANGUAGE_CODES
    assert {code: url for url, code in offered} == {
        code: url_in(page, code) + tail for code in LANGUAGE_CODES
    }
    assert ("/fr/affaires-etrangeres/", "fr") in offered or page != section


def test_a_story_offers_its_live_languages_and_tells_other_readers_where_to_read_it(
    client, section
):
    story = published_story(
        section, {"vi": ("Tin thương mại", "Nội dung."), "en": ("Trade news", "Text.")}
    )
    page = html(client.get(url_in(story, "en")))
    assert [code for _url, code in switcher(page)] == ["vi", "en"]
    missing = re.findall(r'data-missing-language="([^"]*)"\s+hidden>', page)
    assert missing == [code for code in LANGUAGE_CODES if code not in ("vi", "en")]
    # Each line in the language of the reader it is for, with the languages the story is in.
    french = re.search(r'<p class="language-notice" lang="fr".*?</p>', page, re.S).group(0)
    assert "Cet article n’est pas encore disponible dans votre langue." in french
    assert "Cet article est disponible dans les langues suivantes" in french
    assert f'href="{url_in(story, "en")}"' in french
    assert "newsroom/language_notice.js" in page


def test_a_story_in_every_reader_language_carries_no_notice(client, section):
    texts = {code.replace("-", "_"): (f"Tin {code}", "Nội dung.") for code in LANGUAGE_CODES}
    story = published_story(section, texts)
    page = html(client.get(url_in(story, "ko")))
    assert [code for _url, code in switcher(page)] == LANGUAGE_CODES
    assert "data-missing-language" not in page
    assert "language_notice.js" not in page


def test_the_feeds_index_offers_every_language_at_its_feeds_index(client, section):
    offered = switcher(html(client.get("/ja/feeds/")))
    assert offered == [(f"/{code}/feeds/", code) for code in LANGUAGE_CODES]


def test_a_page_not_found_offers_every_language_home_page(client, home):
    offered = switcher(html(client.get("/ko/no-such-page/"), status=404))
    assert offered == [(f"/{code}/", code) for code in LANGUAGE_CODES]


def test_hreflang_and_canonical_are_on_the_host_the_reader_asked(client, french_frame):
    _home, section = french_frame
    # The Site row says testserver:80; the reader reached it as news.example.org over TLS.
    page = html(client.get("/fr/affaires-etrangeres/", HTTP_HOST="news.example.org", secure=True))
    links = alternates(page)
    assert links["fr"] == canonical(page) == "https://news.example.org/fr/affaires-etrangeres/"
    assert links["x-default"] == f"https://news.example.org{url_in(section, 'vi')}"
    assert set(links) == {*LANGUAGE_CODES, "x-default"}
    assert all(url.startswith("https://news.example.org/") for url in links.values())


def test_the_section_part_of_a_story_url_is_in_the_readers_language(client, french_frame):
    _home, section = french_frame
    story = published_story(
        SectionPage.objects.get(pk=section.pk),
        {"vi": ("Tin", "Nội dung."), "fr": ("Une nouvelle", "Texte.")},
    )
    assert url_in(story, "fr").startswith("/fr/affaires-etrangeres/")
    assert client.get(url_in(story, "fr")).status_code == 200
