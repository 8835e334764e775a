"""A section's feed exists in every language its page is read in, named in the frame's order.

A section is part of the frame (ADR 10): a reader of any language reads its page, its name
falling back to English, then Vietnamese. Its feed follows: an Arabic partner gets the
section's Arabic stories under the section's English name, never a 404.
"""

import pytest
from django.utils.translation import override

from tests.factories import SectionPageFactory
from tests.factories.stories import published_story

pytestmark = pytest.mark.django_db


def section_feed(client, section, language):
    with override(language):
        slug = section.slug_in(language)
        response = client.get(f"/{language}/feeds/sections/{slug}.json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_section_without_an_arabic_name_has_an_arabic_feed_named_in_english(client, wire):
    section = wire["coffee"].get_parent().specific
    assert not section.title_ar
    feed = section_feed(client, section, "ar")
    assert [item["title"] for item in feed["items"]] == [wire["coffee"].title_ar]
    assert "Foreign affairs" in feed["title"]


def test_a_section_named_only_in_vietnamese_has_a_feed_in_every_language(
    client, home, roles, search_index, refresh
):
    economy = SectionPageFactory(
        parent=home, title="Kinh tế", slug="kinh-te", title_en=None, slug_en=None
    )
    story = published_story(
        economy, {"vi": ("Tin kinh tế", "Nội dung."), "fr": ("Économie", "Texte.")}
    )
    refresh()
    french = section_feed(client, economy, "fr")
    assert [item["title"] for item in french["items"]] == [story.title_fr]
    assert "Kinh tế" in french["title"]
    assert section_feed(client, economy, "ko")["items"] == []


def test_the_feeds_page_of_every_language_lists_every_section(client, wire):
    section = wire["coffee"].get_parent().specific
    for language in ("ar", "ja", "fr"):
        html = client.get(f"/{language}/feeds/").content.decode()
        assert "Foreign affairs" in html
        with override(language):
            assert f"/feeds/sections/{section.slug_in(language)}.rss" in html
