"""Fixtures for tests against the real Elasticsearch node (`make search-node` starts it)."""

import uuid

import pytest
from elasticsearch import Elasticsearch

from search.index import ensure_indices, reset_circuit
from tests.services import SEARCH_NODE_URL, index_now, require_service, search_node_is_up


@pytest.fixture(scope="session")
def search_node():
    require_service(
        search_node_is_up(), f"no Elasticsearch node at {SEARCH_NODE_URL} (make search-node)"
    )
    return SEARCH_NODE_URL


@pytest.fixture
def search_index(search_node, settings, db):
    """Empty per-language indices of this test's own, behind their aliases."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.NEWSROOM_SEARCH = {
        **settings.NEWSROOM_SEARCH,
        "url": search_node,
        "index_prefix": prefix,
    }
    reset_circuit()
    ensure_indices()
    yield prefix
    reset_circuit()
    client = Elasticsearch(search_node, request_timeout=30)
    client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, expand_wildcards="all")


@pytest.fixture
def refresh():
    return index_now
