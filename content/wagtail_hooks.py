"""Admin registrations: snippet viewsets, and the editorial workflow for new sections."""

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.editorial import assign_editorial_workflow
from content.models import (
    ArticlePage,
    Author,
    DeskAssignment,
    MinistryUnit,
    OfficialDocument,
    Region,
    SectionPage,
    TermbaseEntry,
    Topic,
)
from content.translating import views as translating_views
from content.translating.bulk_action import RequestTranslationsBulkAction
from content.translating.permissions import reviewing_languages, translating_languages
from content.translating.queue import translation_queue


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class MinistryUnitViewSet(SnippetViewSet):
    model = MinistryUnit
    icon = "group"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name"]


class OfficialDocumentViewSet(SnippetViewSet):
    model = OfficialDocument
    icon = "doc-full"
    list_display = ["number", "kind", "title", "issuing_body", "date_signed"]
    list_filter = ["kind", "date_signed"]
    search_fields = ["number", "title", "issuing_body"]
    ordering = ["-date_signed"]


class DeskAssignmentViewSet(SnippetViewSet):
    model = DeskAssignment
    icon = "clipboard-list"
    list_display = ["desk_editor", "section"]
    list_filter = ["section"]


class TermbaseViewSet(SnippetViewSet):
    model = TermbaseEntry
    icon = "doc-full-inverse"
    list_display = ["source", "source_language", "protected"]
    list_filter = ["source_language", "protected"]
    search_fields = ["source", "note"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsroom")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        OfficialDocumentViewSet,
        TopicViewSet,
        RegionViewSet,
        MinistryUnitViewSet,
        AuthorViewSet,
        DeskAssignmentViewSet,
        TermbaseViewSet,
    )


register_snippet(NewsroomViewSetGroup)


@hooks.register("after_create_page")
def put_new_section_through_editorial_workflow(request, page):
    if isinstance(page.specific, SectionPage):
        assign_editorial_workflow(page.specific)


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
def register_translation_log_actions(actions):
    for action, (label, message) in TRANSLATION_LOG_ACTIONS.items():
        formatter = TranslationLogFormatter(label, message)
        actions.formatters[action] = formatter
        actions.choices.append((action, label))


# The translators' admin ---------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path("translations/", translating_views.my_translations, name="my_translations"),
        path("translations/<int:pk>/", translating_views.edit_translation, name="translation_edit"),
        path(
            "translations/<int:pk>/review/",
            translating_views.review_translation,
            name="translation_review",
        ),
        path(
            "translations/xliff/", translating_views.export_xliff, name="translation_xliff_export"
        ),
        path(
            "translations/xliff/import/",
            translating_views.import_xliff,
            name="translation_xliff_import",
        ),
        path(
            "translations/request/<int:page_id>/",
            translating_views.request_translations,
            name="translation_request",
        ),
    ]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(translating_languages(request.user) | reviewing_languages(request.user))


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
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
def add_translation_queue_panel(request, panels):
    if translating_languages(request.user) | reviewing_languages(request.user):
        panels.append(TranslationQueuePanel(translation_queue(request.user)))


@hooks.register("register_page_header_buttons")
def request_translations_button(page, user, view_name, next_url=None):
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
