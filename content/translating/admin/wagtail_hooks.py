"""Wagtail hooks of the translators' admin: URLs, menu, dashboard, buttons, bulk action, history.

Wagtail discovers only ``content/wagtail_hooks.py``, which imports this module so that these
are registered.
"""

from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import Page

from content.models import ArticlePage
from content.translating.admin import views
from content.translating.admin.bulk_action import RequestTranslationsBulkAction
from content.translating.admin.queue import translation_queue
from content.translating.permissions import reviewing_languages, translating_languages


class TranslationLogFormatter(LogFormatter):
    """A translation step in the page's history, naming the language and any reason given."""

    def __init__(self, label, message):
        self.label, self.message_template = label, message

    def format_message(self, log_entry):
        language = dict(settings.LANGUAGES).get(log_entry.data.get("language"), "")
        return self.message_template % {"language": language}

    def format_comment(self, log_entry):
        return log_entry.data.get("override_reason") or log_entry.data.get("comment") or ""


TRANSLATION_LOG_ACTIONS = {
    "content.translation.request": (
        _("Request translation"),
        _("Translation into %(language)s requested"),
    ),
    "content.translation.submit": (
        _("Submit translation"),
        _("Translation into %(language)s submitted"),
    ),
    "content.translation.approve": (
        _("Approve translation"),
        _("Translation into %(language)s approved and live"),
    ),
    "content.translation.return": (
        _("Return translation"),
        _("Translation into %(language)s returned for changes"),
    ),
}


@hooks.register("register_log_actions")
def register_translation_log_actions(actions: LogActionRegistry) -> None:
    for action, (label, message) in TRANSLATION_LOG_ACTIONS.items():
        formatter = TranslationLogFormatter(label, message)
        actions.formatters[action] = formatter
        actions.choices.append((action, label))


@hooks.register("register_admin_urls")
def register_translation_urls() -> list[URLPattern]:
    return [
        path("translations/", views.my_translations, name="my_translations"),
        path("translations/<int:pk>/", views.edit_translation, name="translation_edit"),
        path(
            "translations/<int:pk>/review/",
            views.review_translation,
            name="translation_review",
        ),
        path("translations/xliff/", views.export_xliff, name="translation_xliff_export"),
        path(
            "translations/xliff/import/",
            views.import_xliff,
            name="translation_xliff_import",
        ),
        path(
            "translations/request/<int:page_id>/",
            views.request_translations,
            name="translation_request",
        ),
    ]


class TranslationsMenuItem(MenuItem):
    """The "My translations" menu item, shown to whoever translates or reviews a language."""

    def is_shown(self, request):
        return bool(translating_languages(request.user) | reviewing_languages(request.user))


@hooks.register("register_admin_menu_item")
def register_translations_menu_item() -> MenuItem:
    return TranslationsMenuItem(
        _("My translations"), reverse("my_translations"), icon_name="globe", order=250
    )


class TranslationQueuePanel(Component):
    """The dashboard's count of the user's translation work, by what it waits for."""

    order = 90
    template_name = "content/translating/dashboard_panel.html"

    def __init__(self, groups):
        self.groups = groups

    def get_context_data(self, parent_context):
        return {"groups": self.groups}


@hooks.register("construct_homepage_panels")
def add_translation_queue_panel(request: HttpRequest, panels: list[Component]) -> None:
    if translating_languages(request.user) | reviewing_languages(request.user):
        panels.append(TranslationQueuePanel(translation_queue(request.user)))


@hooks.register("register_page_header_buttons")
def request_translations_button(
    page: Page, user: AbstractBaseUser, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    if (
        isinstance(page.specific_deferred, ArticlePage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Request translations"),
            reverse("translation_request", args=[page.pk]),
            icon_name="globe",
            priority=60,
        )


hooks.register("register_bulk_action", RequestTranslationsBulkAction)
