"""Reader pages read the columns they show: the reader's languages, and no body a teaser hides."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(section):
    return published_story(
        section,
        {
            "vi": ("Xuất khẩu cà phê tăng", "Cà phê Việt Nam đến châu Âu."),
            "en": ("Coffee exports rise", "Vietnamese coffee reaches Europe."),
            "fr": ("Les exportations de café progressent", "Le café vietnamien arrive en Europe."),
            "ar": ("صادرات البن ترتفع", "البن الفيتنامي يصل إلى أوروبا."),
        },
    )


def listing_in(language, section):
    """The section's teasers as a reader of ``language`` gets them, and the SQL that took."""
    with translation.override(language), CaptureQueriesContext(connection) as captured:
        teasers = [(story.title, story.kind) for story in section.specific.articles()]
    return teasers, " ".join(query["sql"] for query in captured.captured_queries)


def test_a_french_listing_reads_french_and_its_fallbacks_only(section, story):
    teasers, sql = listing_in("fr", section)

    assert teasers == [("Les exportations de café progressent", "news")]
    for column in ("title_fr", "standfirst_fr", "title_en", "title_vi"):
        assert f'"{column}"' in sql
    for column in ("title_ar", "standfirst_ar", "title_ja", "body_fr", "body_vi", "body_en"):
        assert f'"{column}"' not in sql, column


def test_reading_a_teaser_costs_no_query_per_story(section, story, django_assert_num_queries):
    with translation.override("ar"):
        stories = list(section.specific.articles())
        with django_assert_num_queries(0):
            teasers = [(s.title, s.standfirst, s.kind, s.url_path) for s in stories]
    assert teasers[0][:2] == ("صادرات البن ترتفع", "صادرات البن ترتفع")  # title, standfirst


def test_a_story_page_reads_no_body_its_reader_is_never_shown(story, client):
    with translation.override("fr"):
        url = story.get_url()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    sql = " ".join(query["sql"] for query in captured.captured_queries)

    assert response.status_code == 200
    assert "Les exportations de café progressent" in response.content.decode()
    assert '"body_fr"' in sql
    for column in ("body_ar", "body_ja", "body_ko"):
        assert f'"{column}"' not in sql, column
