"""Each person's admin speaks their own language, without words of another mixed in."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from content.demo.builder import DemoBuilder

pytestmark = pytest.mark.django_db


def speaks(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


def chooser_title(client):
    html = client.get(reverse("wagtailsnippetchoosers_content_ministryunit:choose")).json()["html"]
    start = html.index('id="header-title"')
    return " ".join(html[start : html.index("</h1>", start)].split())


def test_the_unit_chooser_is_titled_in_each_persons_language(client, section, writer, desk_editor):
    speaks(writer, "vi")
    speaks(desk_editor, "en")
    client.force_login(writer)
    assert "Chọn" in chooser_title(client)
    client.force_login(desk_editor)
    title = chooser_title(client)
    assert "Choose" in title
    assert "Chọn" not in title


def test_the_story_editors_unit_chooser_follows_the_persons_language(
    client, section, writer, desk_editor
):
    add = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
    speaks(writer, "vi")
    client.force_login(writer)
    assert "Chọn đơn vị thuộc Bộ" in client.get(add).content.decode()
    speaks(writer, "en")
    html = client.get(add).content.decode()
    assert "Choose ministry unit" in html
    assert "Chọn" not in html


def test_the_vietnamese_admin_calls_pages_trang_not_pagination(client, section, writer):
    speaks(writer, "vi")
    client.force_login(writer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu is JSON in the page, its letters escaped.
    assert '"label": "Trang", "icon_name": "folder-open-inverse"' in html
    assert "Ph\\u00e2n trang" not in html


def admin_language(client, user) -> str:
    """The language of the admin's dashboard for ``user``, asked by a browser that states none."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert "HTTP_ACCEPT_LANGUAGE" not in response.wsgi_request.META
    html = response.content.decode()
    start = html.index("<html lang=") + len("<html lang=")
    return html[start + 1 : html.index(html[start], start + 1)]


def test_each_demo_account_gets_the_admin_in_its_own_language(client, roles):
    users = DemoBuilder()._users(sections={})
    assert admin_language(client, users["translator-en"]) == "en"
    assert admin_language(client, users["translator"]) == "fr"
    assert admin_language(client, users["writer"]) == "vi"
    assert admin_language(client, users["reviewer"]) == "en"


def test_a_rebuilt_demo_keeps_the_language_a_person_chose(client, roles):
    users = DemoBuilder()._users(sections={})
    speaks(users["writer"], "ja")
    users = DemoBuilder()._users(sections={})
    assert admin_language(client, users["writer"]) == "ja"
