"""App configuration for the Django project itself: its system checks, its front cache."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The site layer: settings, URL wiring, site-wide templates, and checks on them."""

    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self):
        from newsroom import checks  # noqa: F401  registers the system checks
        from newsroom.front_cache.signal_handlers import register_signal_handlers

        register_signal_handlers()
