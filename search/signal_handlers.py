"""Receivers that turn publishing events into outbox rows. Search learns of content here only.

Settings that feeds render (the site's name, full text for everyone, the rights notice) are
not in the index: saving them marks cached feeds as changed.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import ArticlePage, MinistryUnit, Region, SectionPage, Topic
from content.translating.signals import translation_published
from search.feeds.freshness import feeds_changed
from search.models import IndexChange, SyndicationSettings
from search.outbox import record_changes


def _articles_under(page: Page):
    return ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)


def on_published(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        record_changes([instance.pk], IndexChange.Reason.PUBLISHED)
    elif isinstance(instance, SectionPage):
        # A section's title and slug appear in its stories' documents and URLs.
        record_changes(_articles_under(instance), IndexChange.Reason.MOVED)


def on_unpublished(sender, instance, **kwargs):
    record_changes(_articles_under(instance), IndexChange.Reason.UNPUBLISHED)


def on_article_deleted(sender, instance, **kwargs):
    record_changes([instance.pk], IndexChange.Reason.DELETED)


def on_moved(sender, instance, **kwargs):
    record_changes(_articles_under(instance), IndexChange.Reason.MOVED)


def on_taxonomy_saved(sender, instance, created, **kwargs):
    """A renamed topic, region or unit changes the labels in its stories' documents."""
    if created:
        return
    if isinstance(instance, MinistryUnit):
        stories = ArticlePage.objects.filter(lead_unit=instance) | ArticlePage.objects.filter(
            coordinating_units=instance
        )
    else:
        stories = instance.articles.all()
    record_changes(stories.values_list("pk", flat=True), IndexChange.Reason.REPAIR)


def on_translation_published(sender, translation, **kwargs):
    record_changes([translation.page_id], IndexChange.Reason.PUBLISHED)


def on_syndication_changed(sender, **kwargs):
    transaction.on_commit(feeds_changed)


def register_signal_handlers():
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
