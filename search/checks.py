"""System checks for search settings."""

from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core import checks

from search.index import LANGUAGE_ANALYSIS


@checks.register()
def search_settings_are_complete(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """``NEWSROOM_SEARCH`` has every key, and its URL, if set, is http(s)."""
    config = getattr(settings, "NEWSROOM_SEARCH", None)
    required = {"url", "index_prefix", "timeout", "cooldown", "replicas"}
    if not isinstance(config, dict) or required - set(config):
        return [
            checks.Error(
                f"NEWSROOM_SEARCH must define {', '.join(sorted(required))}.",
                id="search.E001",
            )
        ]
    url = config["url"]
    if url and urlparse(url).scheme not in ("http", "https"):
        return [checks.Error(f"ELASTICSEARCH_URL {url!r} is not an http(s) URL.", id="search.E002")]
    return []


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
