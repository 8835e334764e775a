"""Receivers: the newsroom's events, told to the HTTP cache in front once they are committed.

Pages are rendered from the database, so they are purged when the change commits. Search
pages and feeds are rendered from the index, which an editor's change reaches a moment later
through the outbox: those stories are purged again once it is drained.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import ArticlePage, Author, MinistryUnit, OfficialDocument, Region, Topic
from content.translating import translation_published
from newsroom.front_cache import purge
from search.index import outbox_drained
from search.models import SyndicationSettings


def on_page_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        transaction.on_commit(partial(purge.stories_changed, [instance.pk]), robust=True)
    else:  # a section, the home page, an index page: in every page's navigation or frame
        transaction.on_commit(purge.site_changed, robust=True)


def on_translation_published(sender: Any, translation: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(purge.stories_changed, [translation.page_id]), robust=True)


def on_frame_changed(sender: Any, created: bool = False, **kwargs: Any) -> None:
    """Names on every page (topics, regions, units, roles, documents, settings), or a story gone.

    A new term or setting is on no cached page yet: only a change or a deletion purges.
    """
    if not created:
        transaction.on_commit(purge.site_changed, robust=True)


def on_outbox_drained(sender: Any, page_ids: frozenset[int], **kwargs: Any) -> None:
    purge.stories_changed(page_ids)


# Their names frame every page: navigation, labels, bylines' roles, documents cited, the
# site's name and notices.
FRAME_MODELS = (Topic, Region, MinistryUnit, Author, OfficialDocument, Site, SyndicationSettings)


def register_signal_handlers() -> None:
    page_published.connect(on_page_changed, dispatch_uid="front_cache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="front_cache_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="front_cache_moved")
    translation_published.connect(
        on_translation_published, dispatch_uid="front_cache_translation_published"
    )
    for model in FRAME_MODELS:
        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                on_frame_changed, sender=model, dispatch_uid=f"front_cache_{model.__name__}_{event}"
            )
    post_delete.connect(on_frame_changed, sender=ArticlePage, dispatch_uid="front_cache_deleted")
    outbox_drained.connect(on_outbox_drained, dispatch_uid="front_cache_outbox_drained")
