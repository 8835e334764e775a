"""The services some tests need (PostgreSQL, Elasticsearch, Chromium): find them, or say why not.

A test that needs a missing service skips on a developer's machine and fails in CI, where
``.ci/run`` must have started it. Fixtures live in the conftest files; this module holds
what they and the tests share, so that no test imports from a conftest.
"""

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from elasticsearch import Elasticsearch

from search.index import drain_all, search_client

IN_CI = bool(os.environ.get("CI"))
SEARCH_NODE_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")


def require_service(available: bool, reason: str):
    """Skip a test that needs a missing service on a developer's machine; fail it in CI."""
    if not available:
        if IN_CI:
            pytest.fail(f"{reason} (CI must provide it)")
        pytest.skip(reason)


def wait_for(condition, timeout: float = 30.0, what: str = "condition") -> None:
    """Poll ``condition`` until it holds; fail the test if it does not within ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def search_node_is_up(url: str = SEARCH_NODE_URL) -> bool:
    try:
        return Elasticsearch(url, request_timeout=2, max_retries=0).ping()
    except Exception:  # any failure to reach it means it is not there
        return False


def index_now():
    """Drain the outbox and make the changes visible to searches at once."""
    result = drain_all()
    assert not result.retrying, result.error
    search_client().indices.refresh(index="*")
    return result


@contextmanager
def silent_server() -> Iterator[str]:
    """The URL of a server that accepts connections and never answers, like a frozen node."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        server.close()
