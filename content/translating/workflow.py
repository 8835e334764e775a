"""The translators' workflow: request, draft, submit (or import), approve or return.

Each step checks who asks (``permissions``) and the translation's state, and either does all
of its work or raises and changes nothing. Approval writes the language's columns on the
live page row only: the page's own draft, and every other language, stay as they were. What
happens when the source changes afterwards is in ``staleness``.
"""

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from content.models import ArticlePage, TermbaseEntry, Translation, TranslationStatus
from content.slugs import free_slug, lent_slug, slug_in
from content.translating.cat import checked_pairs, read_xliff, remember
from content.translating.checks import Finding, Term, check_fields
from content.translating.fields import (
    TRANSLATED_FIELDS,
    column,
    read_fields,
    source_fields,
    write_fields,
)
from content.translating.permissions import can_review, can_translate
from content.translating.signals import translation_published

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REQUIRED_FIELDS = ("title", "standfirst", "body")


class ChecksFailed(ValidationError):
    """The quality checks found mismatches and the translator gave no reason to override."""

    def __init__(self, findings: dict[str, list[Finding]]):
        self.findings = findings
        count = sum(len(f) for f in findings.values())
        super().__init__(
            ngettext(
                "The checks found %(count)s problem. Correct it, or give a reason to override.",
                "The checks found %(count)s problems. Correct them, or give a reason to override.",
                count,
            )
            % {"count": count}
        )


def _refuse(message: str) -> NoReturn:
    raise PermissionDenied(message)


def _require_status(translation: Translation, *allowed: str) -> None:
    if translation.status not in allowed:
        raise ValidationError(
            _("This translation is %(status)s; that cannot be done now.")
            % {"status": translation.get_status_display().lower()}
        )


# --- Requests ---------------------------------------------------------------------------


@transaction.atomic
def request_translations(
    pages: Iterable[ArticlePage],
    languages: Collection[str],
    requested_by: "User",
    due_date: date | None = None,
) -> list[Translation]:
    """Ask for these pages in these languages; an approved translation is asked to update."""
    requested = []
    for page in pages:
        if not page.permissions_for_user(requested_by).can_edit():
            _refuse(_("You cannot request translations of “%(title)s”.") % {"title": page.title})
        for language in languages:
            if language == page.original_language:
                continue
            translation, created = Translation.objects.get_or_create(
                page=page,
                language=language,
                defaults={"requested_by": requested_by, "due_date": due_date},
            )
            if not created:
                if translation.status == TranslationStatus.APPROVED:
                    translation.status = TranslationStatus.REQUESTED
                translation.requested_by = requested_by
                translation.requested_at = timezone.now()
                translation.due_date = due_date
                translation.save()
            log(page, "content.translation.request", user=requested_by, data={"language": language})
            requested.append(translation)
    return requested


# --- The translator's side ---------------------------------------------------------------


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {field: values[field] for field in TRANSLATED_FIELDS if field in values}
    body = cleaned.get("body")
    if body is not None and not (
        isinstance(body, list) and all(isinstance(b, dict) and "type" in b for b in body)
    ):
        raise ValidationError({"body": _("The body must be a list of blocks.")})
    return cleaned


@transaction.atomic
def save_draft(translation: Translation, values: dict[str, Any], user: "User") -> Translation:
    """Keep the translator's work on the translation, never on the page."""
    if not can_translate(user, translation.language):
        _refuse(_("You do not translate into this language."))
    _require_status(
        translation,
        TranslationStatus.REQUESTED,
        TranslationStatus.IN_PROGRESS,
        TranslationStatus.APPROVED,
    )
    page = translation.page
    translation.draft = {**translation.working_fields, **_clean_values(values)}
    translation.draft_source_revision_id = page.live_revision_id
    translation.translator = user
    translation.status = TranslationStatus.IN_PROGRESS
    translation.save()
    return translation


def _check(
    page: ArticlePage, target: dict[str, Any], language: str, terms: Iterable[Term] | None
) -> dict[str, list[Finding]]:
    if terms is None:
        terms = TermbaseEntry.rules_for(page.original_language)
    return check_fields(
        checked_pairs(source_fields(page), target), page.original_language, language, terms
    )


def check_translation(
    translation: Translation, terms: Iterable[Term] | None = None
) -> dict[str, list[Finding]]:
    """The quality checks' findings for the draft against the live source, by location."""
    return _check(translation.page, translation.draft, translation.language, terms)


def audit_live_translation(
    translation: Translation, terms: Iterable[Term] | None = None
) -> dict[str, list[Finding]]:
    """The same checks on what readers see: the approved text against the live source."""
    return _check(translation.page, translation.live_fields, translation.language, terms)


@transaction.atomic
def submit(translation: Translation, user: "User", override_reason: str = "") -> Translation:
    """Send the draft to the language's reviewers, if it passes the checks or is overridden."""
    if not can_translate(user, translation.language):
        _refuse(_("You do not translate into this language."))
    _require_status(translation, TranslationStatus.IN_PROGRESS)
    missing = {
        field: _("A translation needs this.")
        for field in REQUIRED_FIELDS
        if not translation.draft.get(field)
    }
    if missing:
        raise ValidationError(missing)
    findings = check_translation(translation)
    override_reason = override_reason.strip()
    if findings and not override_reason:
        raise ChecksFailed(findings)
    translation.status = TranslationStatus.SUBMITTED
    translation.submitted_at = timezone.now()
    translation.qa_override_reason = override_reason if findings else ""
    translation.review_comment = ""
    translation.save()
    log(translation.page, "content.translation.submit", user=user, data=_log_data(translation))
    return translation


@transaction.atomic
def import_xliff(data: bytes, user: "User", override_reason: str = "") -> list[Translation]:
    """Read every file of an XLIFF document, then save and submit each translation, or none."""
    imported = read_xliff(data, user)
    for translation, values in imported:
        save_draft(translation, values, user)
        submit(translation, user, override_reason)
    return [translation for translation, _values in imported]


# --- The reviewer's side -----------------------------------------------------------------


def _require_reviewer(translation: Translation, reviewer: "User") -> None:
    if not can_review(reviewer, translation.language):
        _refuse(_("You do not review this language."))
    if translation.translator_id == reviewer.pk:
        _refuse(_("A translation is approved by someone other than its translator."))


@transaction.atomic
def approve(translation: Translation, reviewer: "User") -> Translation:
    """Put the submitted draft live in its language, on top of the live page, and nothing else."""
    _require_reviewer(translation, reviewer)
    _require_status(translation, TranslationStatus.SUBMITTED)
    make_live(translation, translation.draft, translation.draft_source_revision_id, reviewer)
    log(translation.page, "content.translation.approve", user=reviewer, data=_log_data(translation))
    return translation


@transaction.atomic
def return_for_changes(translation: Translation, reviewer: "User", comment: str) -> Translation:
    """Send the submitted draft back to its translator with the reviewer's comment."""
    _require_reviewer(translation, reviewer)
    _require_status(translation, TranslationStatus.SUBMITTED)
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the translator what to change.")})
    translation.status = TranslationStatus.IN_PROGRESS
    translation.review_comment = comment.strip()
    translation.save()
    log(translation.page, "content.translation.return", user=reviewer, data=_log_data(translation))
    return translation


def make_live(
    translation: Translation,
    values: dict[str, Any],
    source_revision_id: int | None,
    by: "User | None" = None,
) -> None:
    """Write ``values`` as the language's text on the live page row, and mark it live.

    The page is read fresh and locked, so neither its pending draft nor a concurrent
    approval of another language is touched; validation errors change nothing.
    """
    with transaction.atomic():
        page = ArticlePage.objects.select_for_update().get(pk=translation.page_id)
        values = {**values, "slug": _slug(page, translation, values.get("title") or "")}
        write_fields(page, translation.language, values)
        page.save()  # validates: a translated slug must be free among the page's siblings
        translation.live = True
        translation.live_fields = read_fields(page, translation.language)
        translation.live_source_revision_id = source_revision_id
        translation.stale = False
        translation.status = TranslationStatus.APPROVED
        translation.approved_at = timezone.now()
        translation.approved_by = by
        translation.draft = {}
        translation.draft_source_revision = None
        translation.save()
        remember(translation, source_fields(page), translation.live_fields)
        # In the same transaction: the index outbox row commits with the approval, or neither.
        translation_published.send(sender=Translation, translation=translation)


def _slug(page: ArticlePage, translation: Translation, title: str) -> str:
    """The language's slug: the one readers have, once live; else made by ADR 9's rule."""
    kept = (translation.live_fields or {}).get("slug") if translation.live else None
    if kept:
        return kept
    name = column("slug", translation.language)
    siblings = page.get_siblings(inclusive=False)
    return free_slug(
        slug_in(translation.language, title, lent_slug(page)),
        lambda candidate: siblings.filter(**{name: candidate}).exists(),
    )


def _log_data(translation: Translation) -> dict[str, str]:
    return {
        "language": translation.language,
        "override_reason": translation.qa_override_reason,
        "comment": translation.review_comment,
    }
