"""A foreign reader's journey, and a desk editor's review queue, in a real browser."""

import pytest
from django.urls import reverse

from tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_a_story_in_english_and_switches_to_vietnamese(
    live_server, section, browser_page
):
    story = ArticlePageFactory(
        parent=section,
        title="Việt Nam và Pháp thúc đẩy hợp tác cà phê",
        title_en="Viet Nam and France step up coffee cooperation",
        slug_en="coffee-cooperation",
    )
    browser_page.goto(live_server.url + "/en/")
    browser_page.get_by_role("link", name=story.title_en).first.click()
    browser_page.wait_for_url("**/en/**/coffee-cooperation/")
    assert browser_page.locator("h1").inner_text() == story.title_en
    assert browser_page.locator("html").get_attribute("lang") == "en"

    browser_page.get_by_role("link", name="Tiếng Việt").click()
    browser_page.wait_for_url(f"**/vi/**/{story.slug_vi}/")
    assert browser_page.locator("h1").inner_text() == story.title_vi
    assert browser_page.locator("html").get_attribute("lang") == "vi"


def test_desk_editor_finds_a_submitted_story_in_their_review_queue(
    live_server, section, writer, desk_editor, approver, browser_page
):
    story = ArticlePageFactory(parent=section, live=False, owner=writer, title="Bài chờ duyệt")
    story.save_revision(user=writer)
    story.get_workflow().start(story, writer)

    browser_page.goto(live_server.url + reverse("wagtailadmin_login"))
    browser_page.fill("input[name=username]", desk_editor.username)
    browser_page.fill("input[name=password]", "password")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))

    review_queue = browser_page.locator("section", has_text="Awaiting your review")
    assert review_queue.get_by_text("Bài chờ duyệt").count() >= 1
