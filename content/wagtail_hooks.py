"""Admin registrations: snippet viewsets, and the editorial workflow for new sections."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.editorial import assign_editorial_workflow
from content.models import (
    Author,
    DeskAssignment,
    MinistryUnit,
    OfficialDocument,
    Region,
    SectionPage,
    Topic,
)


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
    )


register_snippet(NewsroomViewSetGroup)


@hooks.register("after_create_page")
def put_new_section_through_editorial_workflow(request, page):
    if isinstance(page.specific, SectionPage):
        assign_editorial_workflow(page.specific)
