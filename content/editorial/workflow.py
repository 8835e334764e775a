"""The "Editorial review → Approval" workflow and its assignment to the news sections."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from content.editorial.roles import APPROVERS, DESK_EDITORS
from content.models import SectionPage, SectionReviewTask

# Stored in English; marked so that messages naming a step can translate its name.
EDITORIAL_WORKFLOW_NAME = gettext_noop("Editorial review → Approval")
REVIEW_TASK_NAME = gettext_noop("Editorial review")
APPROVAL_TASK_NAME = gettext_noop("Approval")


@transaction.atomic
def install_editorial_workflow() -> Workflow:
    """Create the workflow and its two steps if missing, and assign it to every section."""
    review, _ = SectionReviewTask.objects.get_or_create(name=REVIEW_TASK_NAME)
    review.groups.set([Group.objects.get(name=DESK_EDITORS)])
    approval, _ = GroupApprovalTask.objects.get_or_create(name=APPROVAL_TASK_NAME)
    approval.groups.set([Group.objects.get(name=APPROVERS)])

    workflow, _ = Workflow.objects.get_or_create(name=EDITORIAL_WORKFLOW_NAME)
    for order, task in enumerate((review, approval)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for section in SectionPage.objects.all():
        assign_editorial_workflow(section, workflow)
    return workflow


def assign_editorial_workflow(section: SectionPage, workflow: Workflow | None = None) -> None:
    """Put a section's stories through the editorial workflow unless it already has one."""
    workflow = workflow or Workflow.objects.filter(name=EDITORIAL_WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
