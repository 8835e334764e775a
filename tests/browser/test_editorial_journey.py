"""The desk's and the approver's approvals in Chromium: each moves the story on and says what next.

The story editor's Approve posts the form as the browser serialises it (Draftail's JSON, the
date to the minute, every StreamField): that is where an approval used to be lost.
"""

import pytest
from wagtail.users.models import UserProfile

from content.models import ArticlePage
from tests.browser.accessibility import AXE
from tests.factories import ArticlePageFactory, AuthorFactory, MinistryUnitFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")


def serious_violations(page, within):
    """axe-core's serious and critical findings inside the parts of the page ``within`` names."""
    results = AXE.run(page, context={"include": [[within]]}).response
    return [v["id"] for v in results["violations"] if v["impact"] in SERIOUS]


def log_in(page, url, user):
    page.context.clear_cookies()  # whoever was logged in before
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def submitted_story(section, writer, desk_editor, approver):
    for person in (writer, desk_editor, approver):
        UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})
    story = ArticlePageFactory(
        parent=section, live=False, owner=writer, lead_unit=MinistryUnitFactory()
    )
    story.topics = [TopicFactory()]
    story.bylines.add(story.bylines.model(author=AuthorFactory()))
    story.save()
    story.save_revision(user=writer)
    workflow = section.get_workflow()
    workflow.start(story, writer)
    return ArticlePage.objects.get(pk=story.pk)


def test_the_desk_approves_in_the_editor_and_the_approver_from_the_dashboard(
    live_server, submitted_story, desk_editor, approver, browser_page
):
    page = browser_page
    log_in(page, live_server.url, desk_editor)
    page.goto(f"{live_server.url}/admin/pages/{submitted_story.pk}/edit/")
    # Before anyone saves, the editor says that a change restarts the review.
    notice = page.get_by_role("note")
    assert "sends it back to “Editorial review”" in notice.inner_text()
    assert serious_violations(page, "[role=note]") == []

    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/admin/pages/**")
    messages = page.locator(".messages").inner_text()
    assert "Editorial review approved" in messages
    assert "Next: Approval" in messages
    story = ArticlePage.objects.get(pk=submitted_story.pk)
    assert story.current_workflow_task.name == "Approval"

    log_in(page, live_server.url, approver)
    approve = page.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])')
    # "Approve" sits in the story's actions menu on "Awaiting your review": open it first.
    approve.first.evaluate(
        "button => button.closest('[data-controller~=w-dropdown]')"
        ".querySelector('[data-w-dropdown-target=toggle]').click()"
    )
    approve.first.click()
    page.wait_for_selector(".messages")
    assert "is approved and published" in page.locator(".messages").inner_text()
    assert ArticlePage.objects.get(pk=submitted_story.pk).live
