"""System checks for search settings."""

from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.search.backends import get_search_backend

from search.index import LANGUAGE_ANALYSIS, node_urls
from search.reader import FALLBACK_BACKEND, is_database_backend


@checks.register()
def search_settings_are_complete(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """``NEWSROOM_SEARCH`` has every key, and each node's URL, if set, is http(s)."""
    config = getattr(settings, "NEWSROOM_SEARCH", None)
    required = {
        "url",
        "index_prefix",
        "connect_timeout",
        "timeout",
        "failure_threshold",
        "cooldown",
        "related_timeout",
        "replicas",
    }
    if not isinstance(config, dict) or required - set(config):
        return [
            checks.Error(
                f"NEWSROOM_SEARCH must define {', '.join(sorted(required))}.",
                id="search.E001",
            )
        ]
    return [
        checks.Error(f"ELASTICSEARCH_URL {url!r} is not an http(s) URL.", id="search.E002")
        for url in node_urls(config["url"])
        if urlparse(url).scheme not in ("http", "https")
    ]


@checks.register()
def every_language_has_search_analysis(
    app_configs: Any, **kwargs: Any
) -> list[checks.CheckMessage]:
    """A language without analysis would have no index: its readers' searches would fail."""
    return [
        checks.Error(
            f"The language {code!r} in LANGUAGES has no search analysis.",
            hint="Add it to LANGUAGE_ANALYSIS in search/index/analysis.py (README: Languages).",
            id="search.E003",
        )
        for code, _name in settings.LANGUAGES
        if code not in LANGUAGE_ANALYSIS
    ]


@checks.register()
def fallback_search_runs_on_the_database(
    app_configs: Any, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The readers' fallback and editors' admin search must never wait on Elasticsearch."""
    try:
        backend = get_search_backend(FALLBACK_BACKEND)
    except ImproperlyConfigured as error:
        backend = error
    if is_database_backend(backend):
        return []
    return [
        checks.Error(
            f"WAGTAILSEARCH_BACKENDS[{FALLBACK_BACKEND!r}] is not a database backend: the "
            "search fallback would wait on the service it stands in for.",
            hint='Set it to {"BACKEND": "wagtail.search.backends.database"} (base settings).',
            id="search.E004",
        )
    ]


@checks.register()
def reader_waits_are_consistent(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """A reader's deadline within the read timeout; a hung node suspected before it passes."""
    config = getattr(settings, "NEWSROOM_SEARCH", None) or {}
    if not config.get("url") or "timeout" not in config:
        return []
    timeout = float(config["timeout"])
    reader_timeout = float(config.get("reader_timeout") or timeout)
    messages: list[checks.CheckMessage] = []
    if reader_timeout > timeout:
        messages.append(
            checks.Warning(
                f"A reader's search timeout ({reader_timeout} s) is longer than the read "
                f"timeout ({timeout} s): readers wait the read timeout.",
                hint="Lower NEWSROOM_SEARCH_READER_TIMEOUT.",
                id="search.W005",
            )
        )
    hung_after = float(config.get("hung_after") or 0)
    if config.get("reader_slots") and hung_after >= min(reader_timeout, timeout):
        messages.append(
            checks.Warning(
                f"hung_after ({hung_after} s) is not shorter than a reader's search waits "
                f"({min(reader_timeout, timeout)} s): while the node hangs, searches wait for "
                "a reader slot until the timeouts open the circuit, and pages behind them.",
                hint="Set NEWSROOM_SEARCH_HUNG_AFTER to about half the reader timeout.",
                id="search.W006",
            )
        )
    return messages
