"""The editorial workflow: the newsroom's roles, their permissions, and the review workflow.

Outside code imports from ``content.editorial``. ``workflow`` depends on ``roles``, never
the other way round.
"""

from content.editorial.roles import (
    ROLES,
    Role,
    install_roles,
    reviewer_group_name,
    translator_group_name,
)
from content.editorial.workflow import (
    EDITORIAL_WORKFLOW_NAME,
    assign_editorial_workflow,
    install_editorial_workflow,
)

__all__ = [
    "EDITORIAL_WORKFLOW_NAME",
    "ROLES",
    "Role",
    "assign_editorial_workflow",
    "install_editorial_workflow",
    "install_roles",
    "reviewer_group_name",
    "translator_group_name",
]
