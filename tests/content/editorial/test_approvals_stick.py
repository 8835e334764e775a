"""An approval given anywhere in the admin moves the story on, and says what is next and who acts.

Three entry points end in the same task: the page editor's action menu, the dashboard's
"Awaiting your review" (Wagtail's approval modal, posted by script) and a plain link to the
approval view, as from a listing. Each is refused to someone the step is not for.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from tests.content.admin_forms import edit_form_data
from tests.content.editorial.conftest import refreshed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]


def name(user):
    return user.get_full_name() or user.get_username()


def title(page):
    """The story's title as the English admin shows it."""
    with translation.override("en"):
        return refreshed(page).get_admin_display_title()


def approve_in_editor(client, page, **changes):
    data = edit_form_data(client, page, **changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def approval_url(page, next_url=""):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", page.current_workflow_task_state.pk],
    )
    return f"{url}?next={next_url}" if next_url else url


def approve_from_dashboard(client, page):
    """What the dashboard's script does: post the modal's form, then follow its redirect."""
    response = client.post(
        approval_url(page, reverse("wagtailadmin_home")),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["step"] == "success"
    return client.get(response.json()["redirect"])


@pytest.fixture
def at_approval(client, submitted, desk_editor):
    """The submitted story, approved by its desk editor from the editor."""
    client.force_login(desk_editor)
    approve_in_editor(client, submitted)
    return refreshed(submitted)


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


class TestFromThePageEditor:
    def test_a_desk_editors_approval_moves_the_story_to_approval(
        self, client, submitted, desk_editor
    ):
        client.force_login(desk_editor)
        response = approve_in_editor(client, submitted)
        assert response.status_code == 302
        assert refreshed(submitted).current_workflow_task.name == "Approval"

    def test_the_message_names_the_next_step_and_who_acts(
        self, client, submitted, desk_editor, approver
    ):
        client.force_login(desk_editor)
        response = approve_in_editor(client, submitted)
        assert (
            f"Editorial review approved “{title(submitted)}”. Next: Approval, by {name(approver)}."
            in shown_messages(response)
        )

    def test_the_approvers_approval_publishes_and_says_so(self, client, at_approval, approver):
        client.force_login(approver)
        response = approve_in_editor(client, at_approval)
        story = refreshed(at_approval)
        assert story.live
        assert story.current_workflow_state is None
        assert (
            f"“{title(story)}” is approved and published: readers can see it now."
            in shown_messages(response)
        )

    def test_a_change_saved_with_the_approval_needs_the_desk_again(
        self, client, at_approval, desk_editor, approver
    ):
        client.force_login(approver)
        response = approve_in_editor(
            client, at_approval, standfirst_vi="Một câu tóm tắt đã được sửa."
        )
        story = refreshed(at_approval)
        assert not story.live
        assert story.current_workflow_task.name == "Editorial review"
        assert (
            f"“{title(story)}” was changed, so its review starts again at Editorial review: "
            f"{name(desk_editor)} must approve the new version." in shown_messages(response)
        )

    def test_the_editor_warns_before_saving_that_a_change_restarts_the_review(
        self, client, submitted, desk_editor
    ):
        client.force_login(desk_editor)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk]))
        assert "sends it back to “Editorial review”" in response.content.decode()

    def test_a_draft_out_of_review_carries_no_warning(self, client, draft, writer):
        client.force_login(writer)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        assert "sends it back to" not in response.content.decode()

    def test_the_approver_cannot_approve_the_desks_step_from_the_editor(
        self, client, submitted, approver
    ):
        client.force_login(approver)
        approve_in_editor(client, submitted)
        assert refreshed(submitted).current_workflow_task.name == "Editorial review"


class TestFromTheDashboard:
    def test_the_dashboard_offers_the_desk_editor_the_approval(
        self, client, submitted, desk_editor
    ):
        client.force_login(desk_editor)
        response = client.get(reverse("wagtailadmin_home"))
        assert approval_url(submitted) in response.content.decode()

    def test_approving_moves_the_story_on_and_the_dashboard_says_what_is_next(
        self, client, submitted, desk_editor, approver
    ):
        client.force_login(desk_editor)
        response = approve_from_dashboard(client, submitted)
        assert refreshed(submitted).current_workflow_task.name == "Approval"
        assert f"Next: Approval, by {name(approver)}." in response.content.decode()

    def test_the_final_approval_publishes(self, client, submitted, desk_editor, approver):
        client.force_login(desk_editor)
        approve_from_dashboard(client, submitted)
        client.force_login(approver)
        response = approve_from_dashboard(client, refreshed(submitted))
        assert refreshed(submitted).live
        assert "is approved and published" in response.content.decode()

    def test_a_writer_is_refused(self, client, submitted, writer):
        client.force_login(writer)
        response = client.post(
            approval_url(submitted), headers={"x-requested-with": "XMLHttpRequest"}
        )
        assert response.status_code == 403
        assert refreshed(submitted).current_workflow_task.name == "Editorial review"


class TestFromAListing:
    def test_approving_returns_to_the_listing_with_the_message(
        self, client, submitted, desk_editor, approver
    ):
        listing = reverse("wagtailadmin_explore", args=[submitted.get_parent().pk])
        client.force_login(desk_editor)
        response = client.post(approval_url(submitted, listing), {"comment": ""})
        assert response.url == listing
        page = client.get(listing).content.decode()
        assert f"Next: Approval, by {name(approver)}." in page
        assert refreshed(submitted).current_workflow_task.name == "Approval"

    def test_sending_back_names_the_writer_who_acts_next(
        self, client, submitted, desk_editor, writer
    ):
        client.force_login(desk_editor)
        url = approval_url(submitted).replace("/approve/", "/reject/")
        response = client.post(url, {"comment": "Thiếu nguồn."}, follow=True)
        state = WorkflowState.objects.get(object_id=str(submitted.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert (
            f"“{title(submitted)}” was sent back from Editorial review for changes. "
            f"Next: {name(writer)} makes them and submits the story again."
            in shown_messages(response)
        )

    def test_a_desk_editor_of_another_section_is_refused(self, client, submitted, other_section):
        from content.editorial.roles import DESK_EDITORS
        from content.models import DeskAssignment
        from tests.factories import UserFactory

        elsewhere = UserFactory(username="desk-trade", groups=[DESK_EDITORS])
        UserProfile.objects.create(user=elsewhere, preferred_language="en")
        DeskAssignment.objects.create(desk_editor=elsewhere, section=other_section)
        client.force_login(elsewhere)
        response = client.post(approval_url(submitted), {"comment": ""})
        # Wagtail's refusal: back to the dashboard, with "no permission".
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert refreshed(submitted).current_workflow_task.name == "Editorial review"


def test_wagtails_autosave_of_a_story_in_review_makes_no_revision(client, submitted, desk_editor):
    client.force_login(desk_editor)
    url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    revisions = submitted.revisions.count()
    response = client.post(url, edit_form_data(client, submitted), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "in_review"
    assert submitted.revisions.count() == revisions


def test_the_persons_own_save_of_a_story_in_review_goes_through(client, submitted, desk_editor):
    client.force_login(desk_editor)
    url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    revisions = submitted.revisions.count()
    client.post(url, edit_form_data(client, submitted, standfirst_vi="Một câu tóm tắt mới."))
    assert submitted.revisions.count() == revisions + 1
