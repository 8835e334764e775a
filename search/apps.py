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
        from django.db.backends.signals import connection_created

        from search import checks  # noqa: F401  registers the system checks
        from search.reader.unmarked import add_unaccent_to_sqlite
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
        connection_created.connect(add_unaccent_to_sqlite, dispatch_uid="sqlite_unaccent")
