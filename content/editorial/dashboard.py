"""The dashboard's "Awaiting your review", with the language each story is written in.

Wagtail fills its Language column from the page's locale, which only its own translation
system sets; here a story's language is ``original_language``, one locale for every page.
"""

from django.conf import settings
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel


def language_under_review(obj) -> str:
    """The name of the language the object under review is written in."""
    code = getattr(obj, "original_language", None) or settings.LANGUAGE_CODE
    return str(dict(settings.LANGUAGES).get(code, code))


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", its Language column filled."""

    template_name = "content/editorial/awaiting_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            state["language"] = language_under_review(state["obj"])
        return context


def with_languages_awaiting_review(panels: list) -> None:
    """Put ``AwaitingReviewPanel`` in the place of Wagtail's own among the dashboard's panels."""
    for position, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[position] = AwaitingReviewPanel()
