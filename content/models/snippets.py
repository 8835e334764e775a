"""Snippets: the newsroom's shared, reusable records (units, taxonomies, authors, documents)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from content.document_numbers import NUMBERING_RULES, DocumentKind, match_number, number_year
from content.frame import FrameText, text_in


class NamedTaxonomy(index.Indexed, models.Model):
    """A translatable name with a language-independent slug used in URLs and feed filters."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(NamedTaxonomy):
    """A subject readers browse and partners filter feeds by (trade agreements, investment...)."""

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Region(NamedTaxonomy):
    """A region or market a story concerns (ASEAN, Europe-America...)."""

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class MinistryUnit(NamedTaxonomy):
    """A department or office of the ministry that leads or coordinates stories."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_units",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [*NamedTaxonomy.panels, FieldPanel("parent"), FieldPanel("description")]

    class Meta(NamedTaxonomy.Meta):
        verbose_name = _("ministry unit")
        verbose_name_plural = _("ministry units")

    def clean(self):
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A unit cannot sit under itself.")})
            ancestor = ancestor.parent


class Tag(TagBase):
    """A free tag on stories: the word editors type, and the name readers see in each language.

    ``name`` and ``slug`` are taggit's: what editors type in a story's tag field, matched as
    typed, and the tag's feed URL. ``label`` has a column per language (content/translation.py)
    and falls back in the frame's order (ADR 10); a tag nobody has named shows what was typed.
    """

    label = models.CharField(
        _("name for readers"),
        max_length=100,
        blank=True,
        help_text=_("The tag's name as readers see it, in each language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("label")]

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def label_in(self, language: str) -> FrameText:
        """The name a reader of ``language`` sees, and the language it is written in."""
        label = text_in(self, "label", language)
        # Unnamed, it shows what the editor typed, in a language nobody recorded.
        return label if label.text else FrameText(self.name, language)


class Author(index.Indexed, models.Model):
    """A byline: a reporter or press officer. Names are not translated; roles are."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("The admin account of this author, if they write in the CMS."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("user")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class OfficialDocument(index.Indexed, models.Model):
    """A Resolution, Decision, Conclusion, Decree, Circular or Directive that articles cite.

    Kept as data so that its number and signing date are typed once and never retyped
    in an article or a translation.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(
        _("number"),
        max_length=40,
        unique=True,
        help_text=_("As printed on the document, for example 2387/QD-BCT or 31/2025/ND-CP."),
    )
    title = models.CharField(_("title"), max_length=300)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    date_signed = models.DateField(_("date signed"))

    panels = [
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("issuing_body"),
        FieldPanel("date_signed"),
    ]
    search_fields = [
        index.SearchField("number"),
        index.SearchField("title"),
        index.AutocompleteField("number"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["-date_signed", "number"]
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        super().clean()
        self.number = (self.number or "").strip()
        errors = {}
        if self.kind in NUMBERING_RULES and self.number:
            if match_number(self.kind, self.number) is None:
                errors["number"] = _(
                    "“%(number)s” is not a valid %(kind)s number. Expected a number such as "
                    "%(examples)s."
                ) % {
                    "number": self.number,
                    "kind": self.get_kind_display().lower(),
                    "examples": NUMBERING_RULES[self.kind].examples,
                }
            elif (
                self.date_signed
                and (year := number_year(self.kind, self.number))
                and year != self.date_signed.year
            ):
                errors["date_signed"] = _(
                    "The number says the document was signed in %(number_year)s, "
                    "but the date signed is in %(date_year)s."
                ) % {"number_year": year, "date_year": self.date_signed.year}
        if self.date_signed and self.date_signed > timezone.localdate():
            errors["date_signed"] = _("The date signed cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class DeskAssignment(models.Model):
    """Which section a desk editor covers: they review stories only in those sections."""

    desk_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("desk editor"),
        on_delete=models.CASCADE,
        related_name="desk_assignments",
    )
    section = models.ForeignKey(
        "content.SectionPage",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="desk_assignments",
    )

    panels = [FieldPanel("desk_editor"), FieldPanel("section")]

    class Meta:
        verbose_name = _("desk assignment")
        verbose_name_plural = _("desk assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["desk_editor", "section"], name="unique_desk_assignment"
            )
        ]

    def __str__(self):
        return _("%(editor)s covers %(section)s") % {
            "editor": self.desk_editor.get_full_name() or self.desk_editor.get_username(),
            "section": self.section.title,
        }
