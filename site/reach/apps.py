"""App configuration for reach."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Reach: counts of reads, referrers, feed pulls and searches, and the admin that shows them."""

    name = "reach"
    verbose_name = _("Reach")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reach.signal_handlers import register_signal_handlers

        register_signal_handlers()
