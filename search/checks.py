"""System checks for search settings."""

from urllib.parse import urlparse

from django.conf import settings
from django.core import checks


@checks.register()
def search_settings_are_complete(app_configs, **kwargs):
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
