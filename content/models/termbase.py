"""The termbase: names and terms every translation must keep or render a set way.

An entry is either protected (the ministry's acronyms, agreements such as CPTPP or EVFTA,
people's names: kept exactly as in the source) or has a required rendering per language
(the ministry's own name, its units). The translation checks read it on every submission.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname


class TermbaseEntry(models.Model):
    """A term translators must keep as written or render in a required way per language."""

    source = models.CharField(_("term in the source"), max_length=200)
    source_language = models.CharField(
        _("source language"),
        max_length=16,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    protected = models.BooleanField(
        _("keep unchanged"),
        default=False,
        help_text=_("Names and acronyms that every translation keeps exactly as written."),
    )
    # One column per language (content/translation.py): the rendering a translation must use.
    rendering = models.CharField(_("required rendering"), max_length=200, blank=True)
    note = models.TextField(_("note for translators"), blank=True)

    class Meta:
        verbose_name = _("termbase entry")
        verbose_name_plural = _("termbase")
        ordering = ["source"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_language"], name="one_entry_per_source_term"
            )
        ]

    def __str__(self):
        return self.source

    @property
    def renderings(self) -> dict[str, str]:
        """The required rendering in each language that has one (the checks' ``Term``)."""
        renderings = {}
        for code, _name in settings.LANGUAGES:
            value = getattr(self, build_localized_fieldname("rendering", code), "") or ""
            if value.strip() and code != self.source_language:
                renderings[code] = value.strip()
        return renderings

    def clean(self):
        super().clean()
        if not self.protected and not self.renderings:
            raise ValidationError(
                _("Either keep the term unchanged, or give its rendering in at least one language.")
            )

    @classmethod
    def rules_for(cls, source_language: str) -> list["TermbaseEntry"]:
        """The entries a translation from ``source_language`` is checked against.

        Protected names are kept whatever the source language; renderings apply to terms
        written in the source's language.
        """
        return list(
            cls.objects.filter(models.Q(source_language=source_language) | models.Q(protected=True))
        )
