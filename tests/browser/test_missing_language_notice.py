"""A reader whose language a story is not in yet is told so, in their language, in the browser.

The page is the same for every reader (the caches keep one copy); the browser's own
languages pick the line to show.
"""

import pytest
from django.utils.translation import override

from tests.browser.test_reader_journey import record_policy_violations
from tests.factories.stories import published_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_story(section):
    story = published_story(
        section,
        {"vi": ("Hợp tác cà phê", "Nội dung."), "en": ("Coffee cooperation", "Text.")},
    )
    with override("en"):
        return story.get_url()


def open_as(chromium, locale, url):
    context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = record_policy_violations(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, violations


def test_a_french_reader_is_told_in_french_where_the_story_can_be_read(
    live_server, chromium, english_story
):
    context, page, violations = open_as(chromium, "fr-FR", live_server.url + english_story)
    try:
        notice = page.locator(".language-notice:visible")
        assert notice.count() == 1
        assert notice.get_attribute("lang") == "fr"
        assert "pas encore disponible dans votre langue" in notice.inner_text()
        assert notice.get_by_role("link", name="English").is_visible()
        assert violations == []
    finally:
        context.close()


def test_a_reader_of_a_language_the_story_is_in_sees_no_notice(
    live_server, chromium, english_story
):
    context, page, _violations = open_as(chromium, "en-GB", live_server.url + english_story)
    try:
        assert page.locator(".language-notice:visible").count() == 0
    finally:
        context.close()
