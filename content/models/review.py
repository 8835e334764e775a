"""The desk's review step: like a group approval, but only for the sections a desk editor covers."""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page

from content.models.pages import SectionPage
from content.models.snippets import DeskAssignment


class SectionReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups review a story only if they cover its section."""

    class Meta:
        verbose_name = _("section desk review")
        verbose_name_plural = _("section desk reviews")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups review stories in the sections they are assigned to "
            "(Snippets › Desk assignments)."
        )

    def user_covers(self, obj, user):
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        section = SectionPage.objects.ancestor_of(obj, inclusive=True).first()
        return (
            section is not None
            and DeskAssignment.objects.filter(desk_editor=user, section=section).exists()
        )

    def user_can_access_editor(self, obj, user):
        return self.user_covers(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_covers(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_covers(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self.user_covers(obj, user) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        sections = SectionPage.objects.filter(desk_assignments__desk_editor=user)
        in_sections = Q(pk__in=[])
        for section in sections:
            in_sections |= Q(path__startswith=section.path)
        page_ids = Page.objects.filter(in_sections).annotate(
            str_id=Cast("id", output_field=CharField())
        )
        return states.filter(workflow_state__object_id__in=page_ids.values("str_id"))
