"""The translation queue ("My translations"): work in a user's languages, by its state."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from content.models import Translation, TranslationStatus
from content.translating.permissions import reviewing_languages, translating_languages

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass
class QueueGroup:
    """The translations in one state (or overdue), as the queue lists them."""

    key: str
    title: str | Promise
    translations: list[Translation] = field(default_factory=list)


def translation_queue(user: "User | AnonymousUser", today: date | None = None) -> list[QueueGroup]:
    """The work in the languages the user translates or reviews, grouped by its state.

    An overdue translation is also in the group of its state.
    """
    languages = translating_languages(user) | reviewing_languages(user)
    translations = (
        Translation.objects.in_languages(languages)
        .waiting()
        .select_related("page", "translator", "requested_by")
        .order_by("due_date", "-requested_at")
    )
    groups = {
        "overdue": QueueGroup("overdue", _("Overdue")),
        "requested": QueueGroup("requested", _("Requested")),
        "in_progress": QueueGroup("in_progress", _("In progress")),
        "needs_update": QueueGroup("needs_update", _("Needs update")),
        "submitted": QueueGroup("submitted", _("Submitted for review")),
    }
    for translation in translations:
        if translation.is_overdue(today):
            groups["overdue"].translations.append(translation)
        # Approved work waits only when the source changed since.
        approved = translation.status == TranslationStatus.APPROVED
        groups["needs_update" if approved else translation.status].translations.append(translation)
    return list(groups.values())
