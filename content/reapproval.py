"""The editor's warning, before anyone saves, that a change to a story in review restarts it."""

from django.conf import settings
from django.utils.translation import gettext as _
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
