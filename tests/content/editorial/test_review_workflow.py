"""The editorial workflow: writers submit, covering desk editors review, approvers publish."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState

from content.models import ArticlePage
from tests.content.admin_forms import article_form_data
from tests.content.editorial.conftest import refreshed, submit
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


class TestWriter:
    def test_writer_creates_a_story_in_a_section(self, client, section, writer, facts):
        client.force_login(writer)
        url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
        response = client.post(url, article_form_data(**facts))
        assert response.status_code == 302
        story = ArticlePage.objects.get()
        assert story.owner == writer
        assert not story.live

    def test_writer_submits_for_editorial_review(self, submitted):
        state = submitted.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert submitted.current_workflow_task.name == "Editorial review"
        assert not submitted.live

    def test_submission_notifies_the_desk_by_email(self, submitted, desk_editor):
        recipients = {address for message in mail.outbox for address in message.to}
        assert desk_editor.email in recipients

    def test_writer_cannot_publish(self, client, draft, writer, facts):
        client.force_login(writer)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            article_form_data(**facts, action="publish", title_vi=draft.title_vi),
        )
        assert response.status_code in (302, 403)
        assert not refreshed(draft).live
        assert not draft.permissions_for_user(writer).can_publish()

    def test_writer_cannot_approve_a_review_step(self, client, submitted, writer):
        client.force_login(writer)
        workflow_action(client, submitted, "approve")
        assert refreshed(submitted).current_workflow_task.name == "Editorial review"

    def test_writer_cannot_edit_a_draft_someone_else_has_locked(
        self, client, draft, writer, desk_editor, facts
    ):
        Page.objects.filter(pk=draft.pk).update(locked=True, locked_by=desk_editor)
        client.force_login(writer)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            article_form_data(**facts, title_vi="Tiêu đề bị sửa", slug_vi=draft.slug_vi),
        )
        assert refreshed(draft).get_latest_revision_as_object().title_vi != "Tiêu đề bị sửa"
        assert response.status_code in (200, 302, 403)

    def test_writer_cannot_unlock_a_colleagues_lock(self, client, draft, writer, desk_editor):
        Page.objects.filter(pk=draft.pk).update(locked=True, locked_by=desk_editor)
        client.force_login(writer)
        client.post(reverse("wagtailadmin_pages:unlock", args=[draft.pk]))
        assert refreshed(draft).locked


class TestDeskEditor:
    def test_covering_desk_editor_approves_review_and_story_moves_to_approval(
        self, client, submitted, desk_editor
    ):
        client.force_login(desk_editor)
        response = workflow_action(client, submitted, "approve")
        assert response.status_code in (200, 302)
        story = refreshed(submitted)
        assert story.current_workflow_task.name == "Approval"
        assert not story.live

    def test_desk_editor_sends_back_with_a_comment(self, client, submitted, desk_editor):
        client.force_login(desk_editor)
        workflow_action(client, submitted, "reject", comment="Cần kiểm tra lại số liệu.")
        state = WorkflowState.objects.get(object_id=str(submitted.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        rejected = TaskState.objects.get(workflow_state=state)
        assert rejected.status == TaskState.STATUS_REJECTED
        assert rejected.comment == "Cần kiểm tra lại số liệu."

    @pytest.fixture
    def submitted_elsewhere(self, client, other_section, writer, facts, desk_editor, approver):
        """A story submitted in a section the desk editor does not cover."""
        story = ArticlePageFactory(parent=other_section, live=False, owner=writer)
        story.save_revision(user=writer)
        client.force_login(writer)
        submit(client, story, facts)
        client.logout()
        return refreshed(story)

    def test_desk_editor_cannot_review_a_section_they_do_not_cover(
        self, client, submitted_elsewhere, desk_editor
    ):
        story = submitted_elsewhere
        client.force_login(desk_editor)
        response = workflow_action(client, refreshed(story), "approve")
        assert response.status_code in (302, 403)
        assert refreshed(story).current_workflow_task.name == "Editorial review"
        task = refreshed(story).current_workflow_task.specific
        assert task.get_actions(refreshed(story), desk_editor) == []

    def test_review_queue_lists_only_covered_sections(
        self, submitted, submitted_elsewhere, desk_editor
    ):
        reviewable = TaskState.objects.reviewable_by(desk_editor)
        pages = {int(state.workflow_state.object_id) for state in reviewable}
        assert pages == {submitted.pk}

    def test_desk_editor_cannot_publish(self, client, draft, desk_editor, facts):
        client.force_login(desk_editor)
        client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            article_form_data(**facts, action="publish", title_vi=draft.title_vi),
        )
        assert not refreshed(draft).live
        assert not draft.permissions_for_user(desk_editor).can_publish()


class TestApprover:
    def test_approver_approval_publishes_the_story(self, client, submitted, desk_editor, approver):
        client.force_login(desk_editor)
        workflow_action(client, submitted, "approve")
        client.force_login(approver)
        workflow_action(client, refreshed(submitted), "approve")
        story = refreshed(submitted)
        assert story.live
        assert story.current_workflow_state is None

    def test_approver_cannot_do_the_desks_review(self, client, submitted, approver):
        client.force_login(approver)
        workflow_action(client, submitted, "approve")
        assert refreshed(submitted).current_workflow_task.name == "Editorial review"


class TestTranslatorAndRevisions:
    def test_translator_cannot_open_the_story_editor(self, client, draft, roles):
        from content.editorial import translator_group_name
        from tests.factories import UserFactory

        translator = UserFactory(groups=[translator_group_name("en")])
        client.force_login(translator)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        assert response.status_code in (302, 403)

    def test_revisions_can_be_compared_and_rolled_back(self, client, draft, approver):
        first = draft.get_latest_revision()
        draft.title_vi = "Tiêu đề đã sửa"
        second = draft.save_revision(user=approver)
        client.force_login(approver)
        compare = client.get(
            reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, first.pk, second.pk])
        )
        assert compare.status_code == 200
        assert "Tiêu đề đã sửa" in compare.content.decode()
        revert = client.get(
            reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, first.pk])
        )
        assert revert.status_code == 200
        assert draft.title_vi != first.as_object().title_vi


def test_editors_can_comment_on_a_story(client, draft, desk_editor):
    client.force_login(desk_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert "comments" in response.context["form"].formsets
