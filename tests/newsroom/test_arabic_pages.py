"""Arabic pages: left-to-right runs isolated in templates and rich text, one Arabic date format."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import override

from tests.factories import ArticlePageFactory, OfficialDocumentFactory
from tests.factories.stories import paragraphs

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 11, 29, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def arabic_story(section):
    document = OfficialDocumentFactory(number="41/2025/TT-BCT")
    story = ArticlePageFactory(
        parent=section,
        publication_date=PUBLISHED,
        title_ar="الوزارة تشرح التعميم 41/2025/TT-BCT",
        slug_ar="shar-al-tamim",
        standfirst_ar="يطبق القرار 164/NQ-CP على 1,200 شركة.",
        body_ar=[
            *paragraphs("نص التعميم متاح على https://moit.gov.vn/van-ban. ويشمل اتفاقية EVFTA."),
            {"type": "document", "value": document.pk},
        ],
    )
    story.documents.add(document)
    story.save()
    return story


def arabic(client, page):
    with override("ar"):
        return client.get(page.get_url()).content.decode()


def test_document_numbers_urls_and_latin_words_are_isolated_in_title_standfirst_and_body(
    client, arabic_story
):
    html = arabic(client, arabic_story)
    assert 'الوزارة تشرح التعميم <bdi dir="ltr">41/2025/TT-BCT</bdi></h1>' in html
    assert 'القرار <bdi dir="ltr">164/NQ-CP</bdi> على <bdi dir="ltr">1,200</bdi> شركة.' in html
    assert '<bdi dir="ltr">https://moit.gov.vn/van-ban</bdi>. ويشمل' in html
    assert 'اتفاقية <bdi dir="ltr">EVFTA</bdi>.' in html
    assert 'lang="vi" dir="ltr">41/2025/TT-BCT</bdi>' in html  # the document block's number
    assert "&lt;" not in html  # the rich text's own markup is kept, not escaped


def test_the_article_and_the_section_write_the_date_the_same_arabic_way(
    client, section, arabic_story
):
    assert '<time datetime="2026-11-29T09:30:00+07:00">29 نوفمبر 2026، 09:30</time>' in arabic(
        client, arabic_story
    )
    assert ">29 نوفمبر 2026</time>" in arabic(client, section)


def test_left_to_right_pages_get_no_isolation_markup(client, arabic_story):
    with override("en"):
        html = client.get(arabic_story.get_url()).content.decode()
    assert 'bdi dir="ltr"' not in html
