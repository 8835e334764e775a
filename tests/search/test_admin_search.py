"""Editors' admin search runs on Wagtail's Elasticsearch 8 backend when a node is configured."""

import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from elasticsearch import Elasticsearch
from wagtail.search.backends import get_search_backend

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wagtail_elasticsearch(search_node, settings):
    prefix = f"test-wagtail-{uuid.uuid4().hex[:8]}-"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch8",
            "URLS": [search_node],
            "INDEX_PREFIX": prefix,
            "INDEX_SETTINGS": settings.WAGTAIL_ELASTICSEARCH_INDEX_SETTINGS,
        }
    }
    yield
    Elasticsearch(search_node).indices.delete(
        index=f"{prefix}*", ignore_unavailable=True, expand_wildcards="all"
    )


def test_the_configured_backend_is_elasticsearch(wagtail_elasticsearch):
    assert type(get_search_backend()).__name__ == "Elasticsearch8SearchBackend"


def test_an_editor_finds_a_draft_through_admin_search(admin_client, wagtail_elasticsearch, section):
    ArticlePageFactory(parent=section, live=False, title="Bản nháp về hợp tác bán dẫn")
    ArticlePageFactory(parent=section, live=False, title="Tin xuất khẩu gạo")
    call_command("update_index", verbosity=0)
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "bán dẫn"})
    titles = [page.title for page in response.context["object_list"]]
    assert titles == ["Bản nháp về hợp tác bán dẫn"]
