"""The page explorer's bulk action: request translations of a selection of articles."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from content.models import ArticlePage
from content.translating import workflow
from content.translating.admin.forms import RequestTranslationsForm
from content.translating.notifications import notify


class BulkRequestForm(RequestTranslationsForm):
    """The request form for a selection: every language is offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(None, *args, **kwargs)


class RequestTranslationsBulkAction(PageBulkAction):
    """Request translations of the selected articles that the user may edit."""

    display_name = _("Request translations")
    action_type = "request_translations"
    aria_label = _("Request translations of the selected articles")
    template_name = "content/translating/bulk_request.html"
    action_priority = 60
    form_class = BulkRequestForm

    def check_perm(self, page):
        return (
            isinstance(page.specific_deferred, ArticlePage)
            and page.permissions_for_user(self.request.user).can_edit()
        )

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "languages": self.cleaned_form.cleaned_data["languages"],
            "due_date": self.cleaned_form.cleaned_data["due_date"],
        }

    @classmethod
    def execute_action(cls, objects, languages=(), due_date=None, user=None, **kwargs):
        articles = [page.specific for page in objects]
        requested = workflow.request_translations(articles, languages, user, due_date)
        notify(requested, "requested")
        return len(articles), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Translations of %(count)d article requested.",
            "Translations of %(count)d articles requested.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
