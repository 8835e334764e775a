"""App configuration for the newsroom's content."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """What editors make: pages, snippets, blocks, and the editorial and translation workflows."""

    name = "content"
    verbose_name = _("Newsroom content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import checks  # noqa: F401  registers the system checks
        from content.signal_handlers import register_signal_handlers

        register_signal_handlers()
