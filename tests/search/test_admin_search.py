"""Editors' admin search runs on Wagtail's database backend, whether or not a node is set.

Wagtail's own signal handlers keep that index current, so admin search never waits on
Elasticsearch, never fails with it, and is never stale after an outage.
"""

import pytest
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from search.index import reset_circuit
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["node away", "node up"])
def elasticsearch_url(request, settings):
    """``ELASTICSEARCH_URL`` pointing at nothing, then at the real node."""
    if request.param == "node up":
        yield request.getfixturevalue("search_index")
        return
    settings.NEWSROOM_SEARCH = {**settings.NEWSROOM_SEARCH, "url": "http://127.0.0.1:9"}
    reset_circuit()
    yield settings.NEWSROOM_SEARCH["url"]
    reset_circuit()


def admin_titles(admin_client, query):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["object_list"]]


def test_admin_search_runs_on_the_database(elasticsearch_url):
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.database")


def test_an_editor_finds_a_draft_through_admin_search(admin_client, elasticsearch_url, section):
    ArticlePageFactory(parent=section, live=False, title="Bản nháp về hợp tác bán dẫn")
    ArticlePageFactory(parent=section, live=False, title="Tin xuất khẩu gạo")
    assert admin_titles(admin_client, "bán dẫn") == ["Bản nháp về hợp tác bán dẫn"]


def test_admin_search_finds_edits_and_forgets_deleted_pages(
    admin_client, elasticsearch_url, section
):
    edited = ArticlePageFactory(parent=section, title="Hội nghị thương mại")
    deleted = ArticlePageFactory(parent=section, title="Hội chợ thương mại")
    edited.title = edited.title_vi = "Diễn đàn đầu tư"
    edited.save_revision().publish()
    deleted.delete()
    assert admin_titles(admin_client, "đầu tư") == ["Diễn đàn đầu tư"]
    assert admin_titles(admin_client, "hội nghị") == []
    assert admin_titles(admin_client, "hội chợ") == []
