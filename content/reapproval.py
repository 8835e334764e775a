"""The editor's warning, before anyone saves, that a change to a story in review restarts it.

Wagtail's autosave is refused for such a story: a save it made unasked restarted the review.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel


class ReapprovalNoticePanel(Panel):
    """Shown while a story is in review: saving a change sends it back to the first step."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/editorial/reapproval_notice.html"

        def is_shown(self):
            return bool(
                getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False)
                and self.instance.pk
                and self.instance.workflow_in_progress
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            workflow_state = self.instance.current_workflow_state
            tasks = workflow_state.workflow.tasks.filter(active=True)
            context["current_step"] = _(workflow_state.current_task_state.task.name)
            context["first_step"] = _(tasks.order_by("workflow_tasks__sort_order").first().name)
            return context


# Shown by the editor's autosave indicator ("Autosave is paused"), beside the notice above.
NOT_AUTOSAVED_IN_REVIEW = gettext_lazy(
    "Not saved automatically while the story is in review: a save, even without a change, "
    "makes a new version and restarts the review. Save when you have changed something."
)


def refuse_autosave_in_review(request, page) -> HttpResponse | None:
    """Wagtail's autosave refused for a story in review, which any revision sends back.

    Wagtail keeps an approval only for the latest revision, and its autosave posts an editor
    left unchanged, even after its Approve was clicked: the approval was lost. The person's own
    saves are not autosaves and go through.
    """
    if (
        request.method != "POST"
        or request.accepts("text/html")
        or not getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False)
        or not page.workflow_in_progress
    ):
        return None
    return JsonResponse(
        {
            "success": False,
            "error_code": "in_review",
            "error_message": str(NOT_AUTOSAVED_IN_REVIEW),
        },
        status=400,
    )
