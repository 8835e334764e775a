"""Email to the people a translation now waits for.

Its language's translators when it is requested, its reviewers when it is submitted, and
its translator when it is approved or returned.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from content.editorial.roles import reviewer_group_name, translator_group_name
from content.models import Translation

logger = logging.getLogger(__name__)

EVENTS = {
    # event: (template, who is told)
    "requested": ("content/translating/email/requested.txt", "translators"),
    "submitted": ("content/translating/email/submitted.txt", "reviewers"),
    "approved": ("content/translating/email/approved.txt", "translator"),
    "returned": ("content/translating/email/returned.txt", "translator"),
}


def _recipients(translation: Translation, who: str) -> list[str]:
    if who == "translator":
        users = [translation.translator] if translation.translator else []
    else:
        group = translator_group_name if who == "translators" else reviewer_group_name
        users = list(
            get_user_model().objects.filter(
                is_active=True, groups__name=group(translation.language)
            )
        )
    return sorted({user.email for user in users if user.email and user.is_active})


def _admin_url(translation: Translation) -> str:
    view = "translation_review" if translation.status == "submitted" else "translation_edit"
    return settings.WAGTAILADMIN_BASE_URL + reverse(view, args=[translation.pk])


def notify(translations: Iterable[Translation], event: str) -> None:
    """After the transaction commits, tell whoever each translation now waits for."""
    template, who = EVENTS[event]
    messages = []
    for translation in translations:
        recipients = _recipients(translation, who)
        if not recipients:
            continue
        text = render_to_string(
            template, {"translation": translation, "url": _admin_url(translation)}
        ).strip()
        subject, _blank, body = text.partition("\n")
        messages.append((subject, body.strip(), None, recipients))

    def send():
        try:
            send_mass_mail(messages, fail_silently=False)
        except OSError as error:  # the mail server is away: the work itself is saved
            logger.warning("Translation notifications not sent (%s): %s", event, error)

    if messages:
        transaction.on_commit(send)
