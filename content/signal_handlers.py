"""Receivers of Wagtail's and the newsroom's signals: translations' state, readers' generation."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import (
    ArticlePage,
    Author,
    MinistryUnit,
    OfficialDocument,
    ReaderGeneration,
    Region,
    Tag,
    Topic,
    Translation,
)
from content.translating import mark_stale_translations, translation_published

# What a reader's page shows besides pages: its labels, bylines, documents, images and tags,
# the site it belongs to and who may see it.
SHOWN_ON_PAGES = (
    Topic,
    Region,
    MinistryUnit,
    Author,
    OfficialDocument,
    Tag,
    Site,
    PageViewRestriction,
)


def on_published(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        mark_stale_translations(instance)


def on_readers_view_changed(sender, **kwargs):
    """Anything a reader's page shows changed: caches keyed on the generation miss from now."""
    ReaderGeneration.advance()


def on_model_changed(sender, instance=None, **kwargs):
    # Pages are saved on publish, unpublish, move, a translation's approval and a draft (whose
    # save changes no column readers see, but telling them apart is not worth the risk).
    if isinstance(instance, Page):
        ReaderGeneration.advance()


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="content_mark_stale_translations")
    for signal, event in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (translation_published, "translation_published"),
    ):
        signal.connect(on_readers_view_changed, dispatch_uid=f"reader_generation_{event}")
    post_save.connect(on_model_changed, dispatch_uid="reader_generation_page_saved")
    post_delete.connect(on_model_changed, dispatch_uid="reader_generation_page_deleted")
    for model in (*SHOWN_ON_PAGES, get_image_model(), Translation):
        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            if model is Translation and signal is post_save:
                continue  # a translation goes live through translation_published
            signal.connect(
                on_readers_view_changed,
                sender=model,
                dispatch_uid=f"reader_generation_{model.__name__}_{event}",
            )
