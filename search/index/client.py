"""The connection to Elasticsearch, and the one rule about it: never make a reader wait.

A failed call opens a short circuit: for ``cooldown`` seconds callers are told search is
unavailable at once instead of each waiting for a timeout, and they fall back.
"""

import logging
import time
from functools import cache
from typing import cast

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions

# What "the node is down, hangs or refuses" looks like to the client.
UNAVAILABLE_ERRORS = (
    TransportError,
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
)

# What a reader's query may meet: the node away, or an answer such as a missing index.
READ_ERRORS = (*UNAVAILABLE_ERRORS, es_exceptions.ApiError)

logger = logging.getLogger(__name__)
_open_until = {"at": 0.0}


class SearchUnavailable(Exception):
    """Elasticsearch is not configured, or did not answer in time."""


def read_failure(error: Exception) -> SearchUnavailable:
    """A reader's query failed: fall back, and log it if it was more than the node being away."""
    if isinstance(error, UNAVAILABLE_ERRORS):
        return report_failure(error)
    logger.exception("Elasticsearch refused a reader query")
    return SearchUnavailable(f"Elasticsearch refused the query: {type(error).__name__}")


def search_is_configured() -> bool:
    """Whether an Elasticsearch URL is set (the node may still be away)."""
    return bool(settings.NEWSROOM_SEARCH.get("url"))


@cache
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def search_client() -> Elasticsearch:
    """The client, or ``SearchUnavailable`` while search is off or the circuit is open."""
    config = settings.NEWSROOM_SEARCH
    if not config.get("url"):
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    if time.monotonic() < _open_until["at"]:
        raise SearchUnavailable("Elasticsearch failed recently; waiting before trying again.")
    return _client(config["url"], config["timeout"])


def report_failure(error: Exception) -> SearchUnavailable:
    """Open the circuit after a failed call, and return the error to raise."""
    cooldown = cast(float, settings.NEWSROOM_SEARCH["cooldown"])
    _open_until["at"] = time.monotonic() + cooldown
    return SearchUnavailable(f"Elasticsearch did not answer: {type(error).__name__}")


def reset_circuit() -> None:
    """Close the circuit: the next call tries Elasticsearch again."""
    _open_until["at"] = 0.0
