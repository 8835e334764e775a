"""An article's translation into one language: its state, its draft, and what readers see.

modeltranslation gives each language a column on the page (``title_fr``, ``body_fr``...), and
a page revision carries every language at once. A translation therefore keeps its own draft
here, apart from the page's draft, and the text it was approved with (``live_fields``). The
page's columns of a language hold that approved text, written when a reviewer approves and
laid over every revision Wagtail publishes (``ArticlePage.with_content_json``), so a source
edit never overwrites or unpublishes a live translation.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.TextChoices):
    """Where a translation stands in the translators' workflow."""

    REQUESTED = "requested", _("Requested")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class TranslationQuerySet(models.QuerySet):
    """Translations by state: waiting, live, overdue."""

    def in_languages(self, languages):
        return self.filter(language__in=list(languages))

    def live(self):
        return self.filter(live=True)

    def needing_update(self):
        """Live translations whose source changed after they were approved."""
        return self.filter(live=True, stale=True)

    def open(self):
        """Work not yet approved: requested, in progress or submitted."""
        return self.exclude(status=TranslationStatus.APPROVED)

    def waiting(self):
        """Work someone has to do: open, or live and needing an update."""
        return self.open() | self.needing_update()

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Translation(models.Model):
    """One article's translation into one language: its draft, approved text and state."""

    page = models.ForeignKey(
        "content.ArticlePage", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TranslationStatus.choices,
        default=TranslationStatus.REQUESTED,
    )

    # The translator's work: the target language's fields, and the source revision they follow.
    draft = models.JSONField(default=dict, blank=True)
    draft_source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations_made",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    qa_override_reason = models.TextField(_("reason for overriding the checks"), blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    # What readers see: the approved text and the source revision it was made from.
    live = models.BooleanField(default=False)
    live_fields = models.JSONField(default=dict, blank=True)
    live_source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stale = models.BooleanField(
        default=False, help_text=_("The source changed after this translation was approved.")
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations_approved",
    )

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations_requested",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    objects = TranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="one_translation_per_language"
            )
        ]
        indexes = [models.Index(fields=["language", "live"])]

    def __str__(self):
        return f"{self.page} → {self.language}"

    @property
    def working_fields(self) -> dict:
        """The text the translator works on: the draft, or else the live text to update."""
        return self.draft or (self.live_fields if self.live else {})

    @property
    def needs_update(self) -> bool:
        return self.live and self.stale

    def is_overdue(self, today=None) -> bool:
        return bool(
            self.due_date
            and self.status != TranslationStatus.APPROVED
            and self.due_date < (today or timezone.localdate())
        )
