"""App configuration for search and syndication."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search and syndication; ``ready`` registers the checks and connects the receivers."""

    name = "search"
    label = "newsroom_search"  # plain "search" reads as Wagtail's own search app
    verbose_name = _("Search and syndication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import checks  # noqa: F401  registers the system checks
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
