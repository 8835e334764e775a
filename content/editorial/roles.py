"""The newsroom's roles as Django groups, each with exactly the permissions it needs.

``install_roles`` is idempotent: it creates missing groups and resets each group's
permissions to what is declared here, so running it again repairs drift.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

# Stored in English; marked so that messages naming a group can translate its name.
WRITERS = gettext_noop("Writers")
DESK_EDITORS = gettext_noop("Desk editors")
APPROVERS = gettext_noop("Approvers")
SITE_ADMINISTRATORS = gettext_noop("Site administrators")

ACCESS_ADMIN = "wagtailadmin.access_admin"
VIEW_REACH = "reach.view_reach"  # the Reach area: what stories, languages and partners reach
TAXONOMY_MODELS = ("topic", "region", "ministryunit", "author")


def model_permissions(app_label: str, model: str, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for action in actions]


def view_only(*models: str) -> list[str]:
    return [f"content.view_{model}" for model in models]


@dataclass(frozen=True)
class Role:
    """A group: its page permissions (on the whole tree), collection and model permissions."""

    name: str
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = field(default=(ACCESS_ADMIN,))


MEDIA_EDITING = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)

WRITER = Role(
    WRITERS,
    # "add" lets writers create stories and edit their own; "change" lets them edit a
    # colleague's draft unless it is locked; no publish, no unlock of others' locks.
    page_permissions=("add_page", "change_page", "lock_page"),
    collection_permissions=MEDIA_EDITING,
    model_permissions=(
        ACCESS_ADMIN,
        *view_only(*TAXONOMY_MODELS),
        *model_permissions("content", "officialdocument", ("add", "change", "view")),
    ),
)

DESK_EDITOR = Role(
    DESK_EDITORS,
    page_permissions=("add_page", "change_page", "lock_page", "unlock_page"),
    collection_permissions=(
        *MEDIA_EDITING,
        "wagtailimages.change_image",
        "wagtaildocs.change_document",
    ),
    model_permissions=(
        ACCESS_ADMIN,
        *view_only("ministryunit", "deskassignment"),
        *model_permissions("content", "topic"),
        *model_permissions("content", "region"),
        *model_permissions("content", "author"),
        *model_permissions("content", "officialdocument"),
        VIEW_REACH,
    ),
)

SET_EMBARGO = "content.set_embargo"

APPROVER = Role(
    APPROVERS,
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=DESK_EDITOR.collection_permissions,
    model_permissions=(*DESK_EDITOR.model_permissions, SET_EMBARGO),
)

SITE_ADMINISTRATOR = Role(
    SITE_ADMINISTRATORS,
    page_permissions=(
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ),
    collection_permissions=(
        *DESK_EDITOR.collection_permissions,
        "wagtailimages.delete_image",
        "wagtaildocs.delete_document",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
    ),
    model_permissions=(
        ACCESS_ADMIN,
        *model_permissions("auth", "user"),
        *model_permissions("auth", "group"),
        *model_permissions("wagtailcore", "site"),
        *model_permissions("wagtailcore", "workflow"),
        *model_permissions("wagtailcore", "task"),
        *model_permissions("wagtailredirects", "redirect"),
        *model_permissions("content", "deskassignment"),
        *[p for m in TAXONOMY_MODELS for p in model_permissions("content", m)],
        *model_permissions("content", "officialdocument"),
        *model_permissions("content", "termbaseentry"),
        SET_EMBARGO,
        *model_permissions("newsroom_search", "partner"),
        "newsroom_search.change_syndicationsettings",
        VIEW_REACH,
        *model_permissions("reach", "partnersite"),
    ),
)


def translator_group_name(language_code: str) -> str:
    return f"Translators: {language_code}"


def reviewer_group_name(language_code: str) -> str:
    return f"Translation reviewers: {language_code}"


def translator_roles() -> list[Role]:
    """Per language, a group of translators and a group of their reviewers.

    What each may do to which language is decided by the translation workflow
    (``content.translating.permissions``), not by Wagtail's page permissions, which cannot
    tell one language's columns from another's.
    """
    translating = (ACCESS_ADMIN, *view_only(*TAXONOMY_MODELS, "officialdocument", "termbaseentry"))
    # Reviewers keep the termbase: the terms they hold translations to.
    reviewing = (*translating, *model_permissions("content", "termbaseentry", ("add", "change")))
    return [
        role
        for code, _name in settings.LANGUAGES
        for role in (
            Role(translator_group_name(code), model_permissions=translating),
            Role(reviewer_group_name(code), model_permissions=reviewing),
        )
    ]


ROLES: tuple[Role, ...] = (WRITER, DESK_EDITOR, APPROVER, SITE_ADMINISTRATOR)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def install_roles() -> list[Group]:
    """Create or repair every role's group and its permissions."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = []
    for role in (*ROLES, *translator_roles()):
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(p) for p in role.model_permissions])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in role.page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in role.collection_permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )
        groups.append(group)
    return groups
