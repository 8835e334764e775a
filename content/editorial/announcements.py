"""After a review step is approved or sent back, tell the person what happens next and who acts.

Wagtail's page editor says only "Page … has been updated" and its approval modal (dashboard,
listing) says nothing. Every entry point ends in a task state's ``approve`` or ``reject``,
which send Wagtail's ``task_approved`` and ``task_rejected`` signals without the request: the
middleware collects them while it serves a request, and once the view is done, when the
workflow has moved on, adds one message per step to that request.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_approved, task_rejected
from wagtail.users.models import UserProfile

from content.models import DeskAssignment, SectionPage, SectionReviewTask

_steps_done: ContextVar[list[tuple[str, int]] | None] = ContextVar("steps_done", default=None)

# Beyond this many people, the step names their groups instead.
MAX_NAMED = 3


@receiver(task_approved)
def _remember_approval(sender, instance, user, **kwargs):
    _remember("approved", instance)


@receiver(task_rejected)
def _remember_rejection(sender, instance, user, **kwargs):
    _remember("rejected", instance)


def _remember(outcome: str, task_state: TaskState) -> None:
    steps = _steps_done.get()
    if steps is not None:
        steps.append((outcome, task_state.pk))


class WorkflowAnnouncementsMiddleware:
    """Adds, to the request that approved or sent back a step, the message saying what is next."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        steps: list[tuple[str, int]] = []
        token = _steps_done.set(steps)
        try:
            response = self.get_response(request)
        finally:
            _steps_done.reset(token)
        if steps:
            # In the admin's language for this person, as the view that acted spoke.
            language = UserProfile.get_for_user(request.user).get_preferred_language()
            with translation.override(language):
                for outcome, task_state_id in steps:
                    task_state = TaskState.objects.select_related("workflow_state", "task")
                    announce = announcement(outcome, task_state.get(pk=task_state_id))
                    messages.success(request, announce)
        return response


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def who_acts(task, page) -> str:
    """The people who may do ``task`` on ``page``, by name, or their groups when many."""
    task = task.specific
    users = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all())
    if isinstance(task, SectionReviewTask):
        section = SectionPage.objects.ancestor_of(page, inclusive=True).first()
        covering = DeskAssignment.objects.filter(section=section).values("desk_editor")
        users = users.filter(pk__in=covering)
    people = list(users.distinct().order_by("first_name", "username")[: MAX_NAMED + 1])
    if people and len(people) <= MAX_NAMED:
        return ", ".join(display_name(person) for person in people)
    return ", ".join(_(group.name) for group in task.groups.all())


def announcement(outcome: str, task_state: TaskState) -> str:
    """What happened to the story at this step, what happens next, and who acts."""
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    title = page.get_admin_display_title()
    done = _(task_state.task.name)
    if outcome == "rejected":
        return _(
            "“%(title)s” was sent back from %(step)s for changes. Next: %(person)s makes "
            "them and submits the story again."
        ) % {"title": title, "step": done, "person": display_name(workflow_state.requested_by)}
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        if page.go_live_at and page.go_live_at > timezone.now():
            return _("“%(title)s” is approved and will be published on %(date)s.") % {
                "title": title,
                "date": date_format(timezone.localtime(page.go_live_at), "DATETIME_FORMAT"),
            }
        return _("“%(title)s” is approved and published: readers can see it now.") % {
            "title": title
        }
    next_state = workflow_state.current_task_state
    next_task = next_state.task
    details = {"title": title, "step": done, "next": _(next_task.name)}
    details["people"] = who_acts(next_task, page)
    if next_state.revision_id != task_state.revision_id:
        # Saved with changes before approving: the version approved so far is not this one.
        return (
            _(
                "“%(title)s” was changed, so its review starts again at %(next)s: "
                "%(people)s must approve the new version."
            )
            % details
        )
    return _("%(step)s approved “%(title)s”. Next: %(next)s, by %(people)s.") % details
