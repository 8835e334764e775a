"""A story's whole journey in Chromium: writer, desk, approver, translator, reviewer, reader.

Each person works as they would: from the section's page, the dashboard, the queue, with the
clicks counted where the product promises few, the messages read as each step says what
happens next, and axe-core run on every admin view the journey opens. The story editor's
Approve posts the form as the browser serialises it (Draftail's JSON, the date to the minute,
every StreamField): that is where an approval used to be lost.
"""

from contextlib import contextmanager

import pytest
from django.utils.translation import override
from wagtail.users.models import UserProfile

from content.editorial import reviewer_group_name, translator_group_name
from content.models import ArticlePage, Translation, TranslationStatus
from tests.browser.admin import log_in, serious_violations
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    MinistryUnitFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the product promises a writer: from the section's page to a story in review.
MOST_CLICKS_TO_SUBMIT = 10

TITLE = "Việt Nam và Pháp ký kết hợp tác hàng không"
STANDFIRST = "Hai bên mở thêm 14 chuyến bay mỗi tuần từ tháng 6."
BODY = "Có 1.200 doanh nghiệp tham dự lễ ký kết."
FRENCH_TITLE = "Le Viet Nam et la France signent un accord aérien"


class Clicks:
    """Clicks made on a page, counted: what a person would do with the mouse."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def on(self, locator):
        locator.click()
        self.count += 1

    def type_into(self, locator, text):
        """A click into a field, then the text typed as a person would."""
        self.on(locator)
        self.page.keyboard.type(text)


def in_english(*people):
    for person in people:
        UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})


def messages_of(page):
    return page.locator(".messages").inner_text()


@contextmanager
def autosaved(page):
    """Waits, after what the block does, for Wagtail's autosave of the editor to finish.

    A person takes longer than its half-second pause before the next click; a test must wait,
    or its submission races the autosave that creates the page.
    """
    page.evaluate(
        "() => { window.autosaved = new Promise(done =>"
        " document.addEventListener('w-autosave:success', done, {once: true})); }"
    )
    yield
    page.evaluate("() => window.autosaved.then(() => true)")


def footer_action(page, name):
    """A button of the editor's footer, its menu opened first."""
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    return page.get_by_role("button", name=name, exact=True)


@pytest.fixture
def staff(roles, writer, desk_editor, approver):
    translator = UserFactory(username="translator-fr", groups=[translator_group_name("fr")])
    reviewer = UserFactory(username="reviewer-fr", groups=[reviewer_group_name("fr")])
    in_english(writer, desk_editor, approver, translator, reviewer)
    AuthorFactory(user=writer, name="Lê Minh Anh")
    return {"translator": translator, "reviewer": reviewer}


def test_a_story_goes_from_the_writer_to_readers_in_french(
    live_server, section, writer, desk_editor, approver, staff, browser_page
):
    MinistryUnitFactory(name_en="Department of Europe")
    TopicFactory(name_en="Transport")
    page, url = browser_page, live_server.url

    # The writer, from the section's page to a story in review.
    log_in(page, url, writer)
    page.goto(f"{url}/admin/pages/{section.pk}/")
    clicks = Clicks(page)
    clicks.on(page.get_by_role("link", name="Add child page").first)
    page.wait_for_url("**/add/content/articlepage/**")
    assert serious_violations(page) == []
    assert not page.locator("div.locale-picker").is_visible()  # one language: nothing to toggle
    clicks.type_into(page.locator("#id_title_vi"), TITLE)
    clicks.type_into(page.locator("#id_standfirst_vi"), STANDFIRST)
    # The body opens with a paragraph to write in.
    clicks.type_into(page.locator("[data-contentpath=body_vi] [role=textbox]"), BODY)
    # What review needs besides the text sits on the same tab: the lead unit and topics.
    clicks.on(page.get_by_role("button", name="Choose ministry unit"))
    clicks.on(page.locator(".modal").get_by_role("link", name="Department of Europe"))
    clicks.on(page.get_by_role("group", name="Topics").get_by_role("button", name="Add topics"))
    assert serious_violations(page, within=".modal") == []
    with autosaved(page):
        # A name chooses that topic at once; the boxes beside them choose several.
        clicks.on(page.locator(".modal").get_by_role("link", name="Transport"))
    assert page.get_by_role("group", name="Topics").get_by_role("listitem").all_inner_texts() == [
        "Transport"
    ]
    assert serious_violations(page) == []
    # No byline: the writer signs the story.
    clicks.on(page.locator("footer [data-w-dropdown-target=toggle]").first)
    clicks.on(page.get_by_role("button", name="Submit to Editorial review"))
    page.wait_for_selector(".messages")
    assert "has been submitted for moderation" in messages_of(page)
    assert clicks.count <= MOST_CLICKS_TO_SUBMIT
    story = ArticlePage.objects.get(title_vi=TITLE)
    assert story.current_workflow_task.name == "Editorial review"
    assert [b.author.name for b in story.bylines.all()] == ["Lê Minh Anh"]

    # The desk editor opens it from the dashboard and approves it inside the editor.
    log_in(page, url, desk_editor)
    assert serious_violations(page) == []
    page.locator("#awaiting-review-section").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/admin/pages/{story.pk}/edit/")
    # Before anyone saves, the editor says that a change restarts the review.
    assert "sends it back to “Editorial review”" in page.get_by_role("note").inner_text()
    assert serious_violations(page) == []
    footer_action(page, "Approve").click()
    page.wait_for_selector(".messages")
    assert "Editorial review approved" in messages_of(page)
    assert "Next: Approval" in messages_of(page)
    assert ArticlePage.objects.get(pk=story.pk).current_workflow_task.name == "Approval"

    # The approver approves from the dashboard: the story is published.
    log_in(page, url, approver)
    assert serious_violations(page) == []
    approve = page.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])')
    # "Approve" sits in the story's actions menu on "Awaiting your review": open it first.
    approve.first.evaluate(
        "button => button.closest('[data-controller~=w-dropdown]')"
        ".querySelector('[data-w-dropdown-target=toggle]').click()"
    )
    approve.first.click()
    page.wait_for_selector(".messages")
    assert "is approved and published" in messages_of(page)
    assert ArticlePage.objects.get(pk=story.pk).live

    # The desk editor asks for French.
    log_in(page, url, desk_editor)
    page.goto(f"{url}/admin/translations/request/{story.pk}/")
    assert serious_violations(page) == []
    page.get_by_label("Français").check()
    page.get_by_role("button", name="Request translations").click()
    page.wait_for_selector(".messages")
    assert "Translations requested." in messages_of(page)
    translation = Translation.objects.get(page=story, language="fr")

    # The translator, from the queue, side by side: saves a draft, then submits.
    log_in(page, url, staff["translator"])
    page.goto(f"{url}/admin/translations/")
    assert serious_violations(page) == []
    page.locator("#queue-requested").get_by_role("link", name="Translate").click()
    page.wait_for_url(f"**/admin/translations/{translation.pk}/")
    assert serious_violations(page) == []
    assert BODY in page.locator(".translation-source").all_inner_texts()[-1]
    page.fill("input[name=segment__title]", FRENCH_TITLE)
    page.fill("textarea[name=segment__standfirst]", "14 vols de plus par semaine dès juin.")
    page.locator(".translation-target [contenteditable=true]").first.click()
    page.keyboard.type("1 200 entreprises ont assisté à la signature.")
    # The editor writes its content into the form's hidden input a moment after typing.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name^=segment__body__]')]"
        ".some(input => input.value.includes('1 200 entreprises'))"
    )
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_selector(".messages")
    assert "Draft saved." in messages_of(page)
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.IN_PROGRESS
    assert not ArticlePage.objects.get(pk=story.pk).title_fr  # the page is untouched
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/admin/translations/")
    assert "Submitted for review." in messages_of(page)

    # The French reviewer approves it from the queue: French is live.
    log_in(page, url, staff["reviewer"])
    page.goto(f"{url}/admin/translations/")
    page.locator("#queue-submitted").get_by_role("link", name="Review").first.click()
    page.wait_for_url(f"**/admin/translations/{translation.pk}/review/")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Approve and publish this language").click()
    page.wait_for_selector(".messages")
    assert "Approved: the translation is live." in messages_of(page)

    # A French reader finds the story in French.
    with override("fr"):
        french_url = ArticlePage.objects.get(pk=story.pk).get_url()
    page.context.clear_cookies()
    page.goto(url + french_url)
    assert page.get_by_role("heading", level=1).inner_text() == FRENCH_TITLE
    assert "1 200 entreprises" in page.locator("main").inner_text()
    assert serious_violations(page) == []


def test_a_story_written_in_english_opens_with_its_english_text_in_view(
    live_server, section, writer, browser_page
):
    in_english(writer)
    story = ArticlePageFactory(
        parent=section,
        live=False,
        owner=writer,
        original_language="en",
        standfirst_en="Fourteen more flights a week from June.",
    )
    story.save_revision(user=writer)
    log_in(browser_page, live_server.url, writer)
    browser_page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    standfirst = browser_page.locator("#id_standfirst_en")
    assert standfirst.is_visible()
    assert standfirst.input_value() == "Fourteen more flights a week from June."
    assert browser_page.locator("#id_title_vi").is_visible()  # Wagtail's title, as ever
    assert not browser_page.locator("div.locale-picker").is_visible()


def test_a_writer_finds_and_chooses_two_topics_by_searching(
    live_server, section, writer, browser_page
):
    in_english(writer)
    AuthorFactory(user=writer)
    wanted = [TopicFactory(name_en="International trade"), TopicFactory(name_en="Trade promotion")]
    TopicFactory(name_en="Tourism")
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.topics.clear()
    story.save_revision(user=writer)
    page, url = browser_page, live_server.url
    log_in(page, url, writer)
    page.goto(f"{url}/admin/pages/{story.pk}/edit/")
    topics = page.get_by_role("group", name="Topics")
    assert not page.locator("select#id_topics").is_visible()  # the chooser stands in for it
    assert serious_violations(page) == []

    topics.get_by_role("button", name="Add topics").click()
    modal = page.locator(".modal")
    modal.get_by_role("textbox", name="Search term").fill("trade")
    modal.get_by_role("alert").filter(has_text="There are 2 matches").wait_for()
    assert "Tourism" not in modal.inner_text()
    assert serious_violations(page, within=".modal") == []
    for topic in wanted:
        modal.get_by_role("checkbox", name=topic.name_en).check()
    # Each change is autosaved before the next, as a person's pace allows (see ``autosaved``).
    with autosaved(page):
        modal.get_by_role("button", name="Confirm selection").click()
        modal.wait_for(state="hidden")

    chosen = topics.get_by_role("listitem")
    assert chosen.all_inner_texts() == ["International trade", "Trade promotion"]
    assert serious_violations(page) == []
    # A wrong pick is taken back with its own button, and the focus stays in the list.
    with autosaved(page):
        topics.get_by_role("button", name="Remove Trade promotion").click()
    assert chosen.all_inner_texts() == ["International trade"]
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Remove International trade"
    topics.get_by_role("button", name="Add topics").click()
    modal.get_by_role("textbox", name="Search term").fill("promotion")
    modal.get_by_role("alert").filter(has_text="There is 1 match").wait_for()
    modal.get_by_role("checkbox", name="Trade promotion").check()
    with autosaved(page):
        modal.get_by_role("button", name="Confirm selection").click()
        modal.wait_for(state="hidden")

    assert chosen.all_inner_texts() == ["International trade", "Trade promotion"]
    page.get_by_role("button", name="Save draft").click()
    page.locator(".messages").filter(has_text="has been updated").wait_for()
    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert set(draft.topics.all()) == set(wanted)
