"""A foreign reader's journey, and a desk editor's review queue, in a real browser."""

import pytest
from django.urls import reverse

from tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_policy_violations(page) -> list[str]:
    """What the browser refuses under the page's Content-Security-Policy, as it reports it."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_reader_opens_a_story_in_english_and_switches_to_vietnamese(
    live_server, section, browser_page
):
    story = ArticlePageFactory(
        parent=section,
        title="Việt Nam và Pháp thúc đẩy hợp tác cà phê",
        title_en="Viet Nam and France step up coffee cooperation",
        slug_en="coffee-cooperation",
    )
    violations = record_policy_violations(browser_page)
    browser_page.goto(live_server.url + "/en/")
    browser_page.get_by_role("link", name=story.title_en).first.click()
    browser_page.wait_for_url("**/en/**/coffee-cooperation/")
    assert browser_page.locator("h1").inner_text() == story.title_en
    assert browser_page.locator("html").get_attribute("lang") == "en"

    browser_page.get_by_role("link", name="Tiếng Việt").click()
    browser_page.wait_for_url(f"**/vi/**/{story.slug_vi}/")
    assert browser_page.locator("h1").inner_text() == story.title_vi
    assert browser_page.locator("html").get_attribute("lang") == "vi"
    assert violations == []


def test_desk_editor_finds_a_submitted_story_in_their_review_queue(
    live_server, section, writer, desk_editor, approver, browser_page
):
    story = ArticlePageFactory(parent=section, live=False, owner=writer, title="Bài chờ duyệt")
    story.save_revision(user=writer)
    story.get_workflow().start(story, writer)

    violations = record_policy_violations(browser_page)
    browser_page.goto(live_server.url + reverse("wagtailadmin_login"))
    browser_page.fill("input[name=username]", desk_editor.username)
    browser_page.fill("input[name=password]", "password")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))

    review_queue = browser_page.locator("section", has_text="Awaiting your review")
    assert review_queue.get_by_text("Bài chờ duyệt").count() >= 1
    assert violations == []  # the admin's own policy lets Wagtail's dashboard run


def test_the_search_page_suggests_titles_as_the_reader_types(live_server, section, browser_page):
    """The suggestions script is a static file the policy allows, not an inline script."""
    ArticlePageFactory(
        parent=section, title_en="Coffee exports to France grow", slug_en="coffee-exports"
    )
    violations = record_policy_violations(browser_page)
    browser_page.goto(live_server.url + "/en/search/")
    browser_page.locator("#search-page-q").press_sequentially("coff")
    suggestion = browser_page.locator("#search-page-suggestions option").first
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("value") == "Coffee exports to France grow"
    assert violations == []
