"""Receivers: search's wiring of signals to services. Search learns of content here only.

Publishing events become outbox rows, and the worker is asked to drain them once the
transaction commits. The index's own signals reach syndication here: a write to the index
marks cached feeds as changed, a drained outbox has the worker tell the WebSub hub.
Settings that feeds render (the site's name, full text for everyone, the rights notice) are
not in the index: saving them marks cached feeds as changed too.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import ArticlePage, MinistryUnit, Region, SectionPage, Topic
from content.translating import translation_published
from search.index import index_changed, outbox_drained, record_changes
from search.models import IndexChange, SyndicationSettings
from search.syndication.feeds import feeds_changed
from search.tasks import announce_stories, request_drain


def _articles_under(page: Page) -> QuerySet:
    return ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)


def record_and_drain(page_ids: Iterable[int], reason: str) -> None:
    """Queue pages for re-indexing in the caller's transaction; drain once it commits.

    A drain is queued only if none is waiting already (``request_drain``): a burst of changes,
    or changes made while Elasticsearch is away, costs one drain, not one each. If queueing
    fails, the publish stands (robust) and the minutely sweep queues the drain instead.
    """
    if record_changes(page_ids, reason):
        transaction.on_commit(request_drain, robust=True)


def on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        record_and_drain([instance.pk], IndexChange.Reason.PUBLISHED)
    elif isinstance(instance, SectionPage):
        # A section's title and slug appear in its stories' documents and URLs.
        record_and_drain(_articles_under(instance), IndexChange.Reason.MOVED)


def on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    record_and_drain(_articles_under(instance), IndexChange.Reason.UNPUBLISHED)


def on_article_deleted(sender: Any, instance: ArticlePage, **kwargs: Any) -> None:
    record_and_drain([instance.pk], IndexChange.Reason.DELETED)


def on_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    record_and_drain(_articles_under(instance), IndexChange.Reason.MOVED)


def on_taxonomy_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A renamed topic, region or unit changes the labels in its stories' documents."""
    if created:
        return
    if isinstance(instance, MinistryUnit):
        stories = ArticlePage.objects.filter(lead_unit=instance) | ArticlePage.objects.filter(
            coordinating_units=instance
        )
    else:
        stories = instance.articles.all()
    record_and_drain(stories.values_list("pk", flat=True), IndexChange.Reason.REPAIR)


def on_translation_published(sender: Any, translation: Any, **kwargs: Any) -> None:
    record_and_drain([translation.page_id], IndexChange.Reason.PUBLISHED)


def on_syndication_changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(feeds_changed)


def on_index_changed(sender: Any, **kwargs: Any) -> None:
    """Cached feeds list what the index held: once it changes, they are stale at once."""
    feeds_changed()


def on_outbox_drained(sender: Any, page_ids: frozenset[int], **kwargs: Any) -> None:
    """Subscribers hear of stories once the index holds them and the outbox says so."""
    announce_stories(page_ids)


def register_signal_handlers() -> None:
    page_published.connect(on_published, dispatch_uid="search_on_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_on_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search_on_moved")
    translation_published.connect(
        on_translation_published, dispatch_uid="search_on_translation_published"
    )
    post_delete.connect(on_article_deleted, sender=ArticlePage, dispatch_uid="search_on_deleted")
    for model in (Topic, Region, MinistryUnit):
        post_save.connect(
            on_taxonomy_saved, sender=model, dispatch_uid=f"search_on_{model.__name__}_saved"
        )
    for model in (Site, SyndicationSettings):
        for signal in (post_save, post_delete):
            signal.connect(
                on_syndication_changed,
                sender=model,
                dispatch_uid=f"feeds_on_{model.__name__}_{signal is post_save}",
            )
    index_changed.connect(on_index_changed, dispatch_uid="feeds_on_index_changed")
    outbox_drained.connect(on_outbox_drained, dispatch_uid="websub_on_outbox_drained")
