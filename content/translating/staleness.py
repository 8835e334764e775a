"""Staleness: what changed in the source since a translation was made, and which need update.

When the source is published again, live translations made from another source text are
flagged ("needs update"); the translator updating one works from the diff of the source
between the revision it was translated from and now, field by field and block by block.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from wagtail.models import Revision

from content.models import ArticlePage, Translation
from content.translating.cat import block_pairs, block_text, field_label
from content.translating.fields import TRANSLATED_FIELDS, read_fields, source_fields


@dataclass(frozen=True)
class SourceChange:
    """One field or body block of the source that changed since a translation was made."""

    location: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


def _revision_source(revision_id: int | None, page: ArticlePage) -> dict[str, Any]:
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    if revision is None:
        return {}
    return read_fields(revision.as_object(), page.original_language)


def source_changes(before: dict[str, Any], after: dict[str, Any]) -> list[SourceChange]:
    """What changed between two versions of the source, field by field and block by block.

    The slug is left out: a translation has its own, and a new source slug needs no new text.
    """
    changes = [
        SourceChange(field_label(field), str(before.get(field) or ""), str(after.get(field) or ""))
        for field in TRANSLATED_FIELDS
        if field not in ("body", "slug") and (before.get(field) or "") != (after.get(field) or "")
    ]
    for pair in block_pairs(after.get("body"), before.get("body")):
        # Pairs are (after, before): the source's blocks as they are now come first.
        now, then = pair.source, pair.target
        if now != then:
            location = (
                pair.location
                if now
                else _("Body › removed block (%(type)s)") % {"type": pair.block_type}
            )
            changes.append(SourceChange(location, block_text(then), block_text(now)))
    return changes


def changes_since_translated(translation: Translation) -> list[SourceChange]:
    """The diff a translator updating a stale translation works from."""
    page = translation.page
    return source_changes(
        _revision_source(translation.live_source_revision_id, page), source_fields(page)
    )


def mark_stale_translations(page: ArticlePage) -> int:
    """After the source is published: flag live translations made from another source text."""
    current = source_fields(page)
    sources = {}
    stale = []
    for translation in page.translations.live().filter(stale=False):
        revision_id = translation.live_source_revision_id
        if revision_id not in sources:
            sources[revision_id] = _revision_source(revision_id, page)
        if source_changes(sources[revision_id], current):
            stale.append(translation.pk)
    return Translation.objects.filter(pk__in=stale).update(stale=True)
