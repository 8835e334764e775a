"""Nothing is lost while Elasticsearch is down.

A real node is stopped, changes pile up, it comes back, the outbox drains, and the index
matches the database exactly.
"""

import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from content.models import ArticlePage
from search.index import (
    alias_name,
    drain_all,
    ensure_indices,
    find_drift,
    reset_circuit,
    search_client,
)
from search.models import IndexChange
from tests.factories.stories import published_story
from tests.factories.translations import approve_text
from tests.services import require_service

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "search-node" / "search-node.sh"
PORT = 9260


class Node:
    """A node of this test's own, whose data survives a restart."""

    def __init__(self, state_dir: Path):
        self.env = {
            **os.environ,
            "SEARCH_NODE_DIR": str(state_dir),
            "SEARCH_NODE_PORT": str(PORT),
            "SEARCH_NODE_KEEP_DATA": "1",
        }
        self.url = f"http://127.0.0.1:{PORT}"

    def run(self, command):
        subprocess.run([str(SCRIPT), command], env=self.env, check=True, capture_output=True)


@pytest.fixture
def own_search_node(tmp_path, settings):
    require_service(bool(shutil.which("java")), "Java is not installed (the node needs Java 17)")
    node = Node(tmp_path / "node")
    node.run("start")
    try:  # a node left running would make the next run fail to start its own
        settings.NEWSROOM_SEARCH = {
            **settings.NEWSROOM_SEARCH,
            "url": node.url,
            "index_prefix": "test-stopped",
        }
        reset_circuit()
        ensure_indices()
        yield node
    finally:
        node.run("stop")
        reset_circuit()


def titles_in_index(language):
    client = search_client()
    client.indices.refresh(index=alias_name(language))
    hits = client.search(index=alias_name(language), query={"match_all": {}}, size=50)
    return sorted(hit["_source"]["title"] for hit in hits["hits"]["hits"])


def test_changes_made_while_the_node_is_down_reach_the_index_when_it_is_back(
    own_search_node, section
):
    node = own_search_node
    edited = published_story(section, {"vi": ("Bản cũ", "A."), "en": ("Old title", "A.")})
    withdrawn = published_story(section, {"vi": ("Sẽ gỡ", "B."), "en": ("To withdraw", "B.")})
    deleted = published_story(section, {"vi": ("Sẽ xoá", "C.")})
    assert not drain_all().retrying
    assert titles_in_index("vi") == ["Bản cũ", "Sẽ gỡ", "Sẽ xoá"]

    node.run("stop")
    added = published_story(section, {"vi": ("Tin mới", "D."), "en": ("New story", "D.")})
    approve_text(edited, "en", title="New title")
    withdrawn.unpublish()
    deleted.delete()
    assert ArticlePage.objects.get(pk=added.pk).live
    waiting = drain_all()
    assert waiting.synced == 0 and waiting.retrying > 0
    pending_pages = set(IndexChange.objects.pending().values_list("page_id", flat=True))
    assert pending_pages == {added.pk, edited.pk, withdrawn.pk, deleted.pk}

    node.run("start")
    reset_circuit()
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert drain_all().retrying == 0
    assert not IndexChange.objects.pending().exists()
    assert find_drift().is_clean()
    assert titles_in_index("en") == ["New story", "New title"]
    assert titles_in_index("vi") == ["Bản cũ", "Tin mới"]
