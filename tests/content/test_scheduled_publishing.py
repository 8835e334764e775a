"""Scheduling: an approved story goes live at its time, and expires at its time."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from content.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def run_scheduler():
    call_command("publish_scheduled", verbosity=0)


def approve_through_workflow(page, writer, desk_editor, approver):
    workflow = page.get_workflow()
    workflow.start(page, writer)
    page = ArticlePage.objects.get(pk=page.pk)
    page.current_workflow_task_state.approve(user=desk_editor)
    page = ArticlePage.objects.get(pk=page.pk)
    page.current_workflow_task_state.approve(user=approver)
    return ArticlePage.objects.get(pk=page.pk)


def test_a_story_approved_for_later_goes_live_only_when_its_time_comes(
    section, writer, desk_editor, approver
):
    story = ArticlePageFactory(parent=section, live=False, owner=writer)
    story.go_live_at = timezone.now() + timedelta(hours=2)
    story.save_revision(user=desk_editor)

    story = approve_through_workflow(story, writer, desk_editor, approver)
    assert not story.live
    assert Revision.page_revisions.filter(
        object_id=str(story.pk), approved_go_live_at__isnull=False
    ).exists()

    run_scheduler()
    assert not ArticlePage.objects.get(pk=story.pk).live

    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1)):
        run_scheduler()
    assert ArticlePage.objects.get(pk=story.pk).live


def test_a_story_is_taken_down_when_it_expires(section, approver):
    story = ArticlePageFactory(parent=section, live=False)
    story.expire_at = timezone.now() + timedelta(hours=1)
    story.save_revision(user=approver).publish(user=approver)
    assert ArticlePage.objects.get(pk=story.pk).live

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        run_scheduler()
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live
    assert story.expired
