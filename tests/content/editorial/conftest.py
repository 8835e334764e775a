"""A story a writer drafted and submitted, in a section its desk editor covers."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from content.models import ArticlePage
from tests.content.admin_forms import article_form_data
from tests.factories import ArticlePageFactory, AuthorFactory, MinistryUnitFactory, TopicFactory


@pytest.fixture
def facts(db):
    return {"author": AuthorFactory(), "lead_unit": MinistryUnitFactory(), "topic": TopicFactory()}


@pytest.fixture
def draft(section, writer):
    page = ArticlePageFactory(parent=section, live=False, owner=writer)
    page.save_revision(user=writer)
    return page


def refreshed(page):
    return ArticlePage.objects.get(pk=page.pk)


def submit(client, page, facts):
    """Submit ``page`` for review from its editor, as the logged-in user."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_form_data(**facts, action="submit", title_vi=page.title_vi, slug_vi=page.slug_vi),
    )


@pytest.fixture
def submitted(client, draft, writer, facts, desk_editor, approver):
    """The draft, submitted by its writer: at "Editorial review"."""
    client.force_login(writer)
    assert submit(client, draft, facts).status_code == 302
    client.logout()
    return refreshed(draft)


@pytest.fixture
def english_admin(writer, desk_editor, approver):
    """The staff read the admin in English, so that messages read as written here."""
    for person in (writer, desk_editor, approver):
        UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "en"})
