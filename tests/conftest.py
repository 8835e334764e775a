"""Fixtures shared by the whole suite: a home page, sections and the newsroom's roles."""

import os

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from content.editorial import install_editorial_workflow, install_roles
from content.editorial.roles import APPROVERS, DESK_EDITORS, SITE_ADMINISTRATORS, WRITERS
from content.models import DeskAssignment
from tests.factories import HomePageFactory, SectionPageFactory, UserFactory

IN_CI = bool(os.environ.get("CI"))


def require_service(available: bool, reason: str):
    """Skip a test that needs a missing service on a developer's machine; fail it in CI."""
    if not available:
        if IN_CI:
            pytest.fail(f"{reason} (CI must provide it)")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def source_language():
    """Tests start in the source language, as a request to /vi/ would."""
    with translation.override("vi"):
        yield


def ensure_tree_roots():
    """The rows Wagtail's migrations create, which transactional tests flush away."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


@pytest.fixture
def home(db):
    ensure_tree_roots()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page, and its Site
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.create(is_default_site=True, hostname="testserver", port=80, root_page=home)
    return home


@pytest.fixture
def roles(db):
    ensure_tree_roots()
    install_roles()


@pytest.fixture
def section(home, roles):
    section = SectionPageFactory(parent=home, title="Đối ngoại", title_en="Foreign affairs")
    install_editorial_workflow()
    return section


@pytest.fixture
def other_section(home, roles):
    section = SectionPageFactory(parent=home, title="Thương mại", title_en="Trade")
    install_editorial_workflow()
    return section


@pytest.fixture
def writer(roles):
    return UserFactory(username="writer", groups=[WRITERS])


@pytest.fixture
def desk_editor(roles, section):
    editor = UserFactory(username="desk", groups=[DESK_EDITORS])
    DeskAssignment.objects.create(desk_editor=editor, section=section)
    return editor


@pytest.fixture
def approver(roles):
    return UserFactory(username="approver", groups=[APPROVERS])


@pytest.fixture
def site_administrator(roles):
    return UserFactory(username="siteadmin", groups=[SITE_ADMINISTRATORS])
