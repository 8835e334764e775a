"""The public site's own words, dates and numbers in the reader's language."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils.translation import override

from tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("interface_catalogs")]


@pytest.fixture
def home_in_arabic(home):
    home.title_ar = "المركز الإعلامي"
    home.save()
    return home


def test_the_arabic_home_page_reads_right_to_left_in_arabic(client, home_in_arabic):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert ">الرئيسية</a>" in html  # Home
    assert ">بحث</a>" in html  # Search
    assert "انتقل إلى المحتوى" in html  # Skip to content
    assert 'aria-label="التنقل الرئيسي"' in html  # the main navigation's name
    assert "Skip to content" not in html


def test_the_french_search_page_labels_its_controls_in_french(client, home):
    html = client.get("/fr/search/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Rechercher des articles</label>" in html
    assert "Plus récents d’abord" in html or "Plus récents d'abord" in html
    assert "Search stories" not in html


def test_search_option_errors_name_the_option_in_the_readers_language(client, home):
    response = client.get("/es/search/", {"q": "arroz", "year": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No se pudieron interpretar algunas opciones de búsqueda:" in html
    assert "<li>Año: " in html


def test_a_missing_page_explains_itself_in_the_readers_language(client, home):
    html = client.get("/ru/no-such-story/").content.decode()
    assert "Страница не найдена" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "tháng 3 năm 2025"),
        ("en", "March 5, 2025"),
        ("fr", "5 mars 2025"),
        ("ru", "5 марта 2025"),
        ("zh-hans", "2025年3月5日"),
        ("ja", "2025年3月5日"),
        ("ko", "2025년 3월 5일"),
    ],
)
def test_story_dates_are_written_the_way_each_language_writes_them(language, expected):
    when = datetime(2025, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with override(language):
        rendered = Template('{{ when|date:"DATE_FORMAT" }}').render(Context({"when": when}))
    assert expected in rendered


def test_an_article_shows_its_date_in_the_readers_language(client, section):
    story = ArticlePageFactory(
        parent=section, publication_date=datetime(2025, 3, 5, 9, 30, tzinfo=ZoneInfo("UTC"))
    )
    with override("en"):
        url = story.url
    html = client.get(url).content.decode()
    assert "March 5, 2025" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "12,345"),
        ("vi", "12.345"),
        ("fr", "12\xa0345"),
        ("ru", "12\xa0345"),
        ("zh-hans", "12,345"),
        ("ar", "12,345"),
    ],
)
def test_counts_are_grouped_the_way_each_language_groups_digits(language, expected):
    with override(language):
        rendered = Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 12345}))
    assert rendered == expected
