"""The newsroom's groups: each role has what it needs and is refused the rest."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from content.editorial import install_roles, translator_group_name
from content.editorial.roles import APPROVERS, DESK_EDITORS, SITE_ADMINISTRATORS, WRITERS
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


def test_installing_roles_twice_changes_nothing(roles):
    before = {
        g.name: (set(g.permissions.all()), page_permissions(g.name)) for g in Group.objects.all()
    }
    install_roles()
    after = {
        g.name: (set(g.permissions.all()), page_permissions(g.name)) for g in Group.objects.all()
    }
    assert before == after


def test_installing_roles_repairs_a_permission_granted_by_hand(roles):
    writers = Group.objects.get(name=WRITERS)
    publish = GroupPagePermission.objects.filter(permission__codename="publish_page").first()
    GroupPagePermission.objects.create(
        group=writers, page=publish.page, permission=publish.permission
    )
    install_roles()
    assert "publish_page" not in page_permissions(WRITERS)


def test_there_is_a_translator_group_for_every_language(roles, settings):
    for code, _name in settings.LANGUAGES:
        assert Group.objects.filter(name=translator_group_name(code)).exists()


@pytest.mark.parametrize(
    ("group", "can_publish"),
    [(WRITERS, False), (DESK_EDITORS, False), (APPROVERS, True), (SITE_ADMINISTRATORS, True)],
)
def test_only_approvers_and_site_administrators_publish(section, group, can_publish):
    user = UserFactory(groups=[group])
    story = ArticlePageFactory(parent=section)
    assert story.permissions_for_user(user).can_publish() is can_publish


@pytest.mark.parametrize("group", [WRITERS, DESK_EDITORS, APPROVERS, translator_group_name("fr")])
@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_groups:index", "wagtailadmin_workflows:index"],
)
def test_only_site_administrators_manage_users_groups_and_workflows(client, roles, group, url_name):
    client.force_login(UserFactory(groups=[group]))
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_groups:index", "wagtailadmin_workflows:index"],
)
def test_site_administrators_manage_users_groups_and_workflows(
    client, site_administrator, url_name
):
    client.force_login(site_administrator)
    assert client.get(reverse(url_name)).status_code == 200


def test_translator_cannot_add_a_story(client, section):
    client.force_login(UserFactory(groups=[translator_group_name("fr")]))
    url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
    assert client.get(url).status_code in (302, 403)


def test_writer_can_open_the_story_form(client, section, writer):
    client.force_login(writer)
    url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
    assert client.get(url).status_code == 200


def test_writer_cannot_delete_a_story(client, section, writer):
    story = ArticlePageFactory(parent=section, owner=writer)
    client.force_login(writer)
    client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    assert type(story).objects.filter(pk=story.pk).exists()


def test_writer_cannot_manage_desk_assignments(client, writer):
    client.force_login(writer)
    response = client.get(reverse("wagtailsnippets_content_deskassignment:add"))
    assert response.status_code in (302, 403)
