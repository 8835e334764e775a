"""Admin registrations: snippet viewsets, and the editorial workflow for new sections.

The translators' admin registers its own hooks in ``content.translating.admin.wagtail_hooks``,
imported below: Wagtail discovers only this module.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.choosers import (
    DocumentChooserViewSet,
    TaxonomyChooserViewSet,
    TranslatedSnippetChooserViewSet,
)
from content.editorial import assign_editorial_workflow
from content.editorial.dashboard import with_languages_awaiting_review
from content.models import (
    Author,
    DeskAssignment,
    MinistryUnit,
    OfficialDocument,
    Region,
    SectionPage,
    Tag,
    TermbaseEntry,
    Topic,
)
from content.reapproval import refuse_autosave_in_review

# Registers the translators' admin (URLs, menu, dashboard, buttons, bulk action, history).
from content.translating.admin import wagtail_hooks as translation_hooks  # noqa: F401


class NewsroomSnippetViewSet(SnippetViewSet):
    """A snippet whose chooser speaks the person's admin language."""

    chooser_viewset_class = TranslatedSnippetChooserViewSet


class TaxonomySnippetViewSet(NewsroomSnippetViewSet):
    """A taxonomy whose chooser finds a name in any language, to choose several in a story."""

    chooser_viewset_class = TaxonomyChooserViewSet


class TopicViewSet(TaxonomySnippetViewSet):
    """Topics in the Newsroom snippets menu."""

    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class RegionViewSet(TaxonomySnippetViewSet):
    """Regions in the Newsroom snippets menu."""

    model = Region
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class MinistryUnitViewSet(TaxonomySnippetViewSet):
    """The ministry's units and the units they belong to."""

    model = MinistryUnit
    icon = "group"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]


class AuthorViewSet(NewsroomSnippetViewSet):
    """Authors and their roles."""

    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name"]


class OfficialDocumentViewSet(NewsroomSnippetViewSet):
    """Official documents, newest signed first."""

    model = OfficialDocument
    chooser_viewset_class = DocumentChooserViewSet
    icon = "doc-full"
    list_display = ["number", "kind", "title", "issuing_body", "date_signed"]
    list_filter = ["kind", "date_signed"]
    search_fields = ["number", "title", "issuing_body"]
    ordering = ["-date_signed"]


class DeskAssignmentViewSet(NewsroomSnippetViewSet):
    """Which desk editor reviews which section."""

    model = DeskAssignment
    icon = "clipboard-list"
    list_display = ["desk_editor", "section"]
    list_filter = ["section"]


class TermbaseViewSet(NewsroomSnippetViewSet):
    """The termbase that the translation checks enforce."""

    model = TermbaseEntry
    icon = "doc-full-inverse"
    list_display = ["source", "source_language", "protected"]
    list_filter = ["source_language", "protected"]
    search_fields = ["source", "note"]


class TagViewSet(NewsroomSnippetViewSet):
    """Free tags, to give each the name readers see in every language."""

    model = Tag
    icon = "tag"
    list_display = ["name", "label", "slug"]
    search_fields = ["name", "label", "slug"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    """The Newsroom menu: every snippet editors keep."""

    menu_label = _("Newsroom")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        OfficialDocumentViewSet,
        TopicViewSet,
        RegionViewSet,
        TagViewSet,
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


@hooks.register("construct_homepage_panels")
def show_the_language_of_each_story_awaiting_review(request, panels):
    with_languages_awaiting_review(panels)


@hooks.register("insert_global_admin_css")
def readable_language_toggles():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("content/admin/locale_picker.css")
    )


@hooks.register("insert_editor_js")
def name_what_wagtail_leaves_nameless():
    # Draftail's rich text boxes have no accessible name (wagtail/wagtail#14205), nor the tag
    # field's typing box, nor a chooser's modal dialog: this names each after what it belongs to.
    return format_html('<script src="{}"></script>', static("content/admin/accessible_names.js"))


@hooks.register("before_edit_page")
def no_autosave_while_in_review(request, page):
    return refuse_autosave_in_review(request, page)
