"""Partner outlets and their feed tokens.

A token is shown once, when it is issued; only its SHA-256 digest is stored. Tokens are
long random strings, so a fast digest is enough: there is no password to guess.
"""

import hashlib
import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

TOKEN_PREFIX = "nrp_"  # noqa: S105  marks a partner token; not a secret


class PartnerForm(WagtailAdminModelForm):
    """The partner's admin form: its languages are chosen from the site's."""

    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages whose feeds this partner's tokens open."),
    )


class Partner(models.Model):
    """An outlet that takes the ministry's stories: a press agency, newspaper or embassy."""

    name = models.CharField(_("outlet name"), max_length=160)
    country = CountryField(_("country"))
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    languages = models.JSONField(_("languages"), default=list)
    full_text = models.BooleanField(
        _("full text"), default=True, help_text=_("Tokens unlock the full text of stories.")
    )
    embargoed = models.BooleanField(
        _("embargoed releases"),
        default=False,
        help_text=_("Tokens receive press releases before their embargo lifts, marked as such."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    base_form_class = PartnerForm
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("full_text"), FieldPanel("embargoed")], heading=_("What tokens unlock")
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class PartnerTokenQuerySet(models.QuerySet):
    """Partners' tokens: ``active()`` are those not revoked."""

    def active(self):
        return self.filter(revoked_at__isnull=True)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerToken(models.Model):
    """A partner's feed token: its digest, who issued it, when it was last used and revoked."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="tokens"
    )
    label = models.CharField(
        _("label"), max_length=120, help_text=_("Where the token is used, e.g. 'Wire desk'.")
    )
    # The first characters, kept in clear so that a partner and an administrator can tell
    # which token is which without either holding the whole secret.
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    pull_count = models.PositiveBigIntegerField(_("pulls"), default=0, editable=False)

    objects = PartnerTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner token")
        verbose_name_plural = _("partner tokens")

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"

    @classmethod
    def issue(cls, partner: Partner, label: str, user=None) -> tuple["PartnerToken", str]:
        """A new token and its secret, which is never stored and cannot be shown again."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            partner=partner,
            label=label,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=token_digest(secret),
            created_by=user,
        )
        return token, secret

    @classmethod
    def authenticate(cls, secret: str) -> "PartnerToken | None":
        """The active token with this secret, counted as one pull; None if there is none."""
        if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
            return None
        token = (
            cls.objects.active()
            .select_related("partner")
            .filter(digest=token_digest(secret))
            .first()
        )
        if token is not None:
            cls.objects.filter(pk=token.pk).update(
                pull_count=F("pull_count") + 1, last_used_at=timezone.now()
            )
        return token

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
