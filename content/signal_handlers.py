"""Receivers of Wagtail's publishing signals that keep translations' state true."""

from wagtail.signals import page_published

from content.models import ArticlePage
from content.translating import mark_stale_translations


def on_published(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        mark_stale_translations(instance)


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="content_mark_stale_translations")
