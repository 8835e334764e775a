"""Fixtures for tests against the real Elasticsearch node (`make search-node` starts it)."""

import os
import uuid

import pytest
from elasticsearch import Elasticsearch

from search.client import reset_circuit, search_client
from search.indexing import ensure_indices
from search.outbox import drain_all
from tests.conftest import require_service

NODE_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")


def node_is_up(url: str) -> bool:
    try:
        return Elasticsearch(url, request_timeout=2, max_retries=0).ping()
    except Exception:  # any failure to reach it means it is not there
        return False


@pytest.fixture(scope="session")
def search_node():
    require_service(node_is_up(NODE_URL), f"no Elasticsearch node at {NODE_URL} (make search-node)")
    return NODE_URL


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


def index_now():
    """Drain the outbox and make the changes visible to searches at once."""
    result = drain_all()
    assert not result.retrying, result.error
    search_client().indices.refresh(index="*")
    return result


@pytest.fixture
def refresh():
    return index_now
