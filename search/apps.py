"""App configuration for search and syndication."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "newsroom_search"  # "search" would clash with no app today, but reads as Wagtail's
    verbose_name = _("Search and syndication")
