"""Per-site choices about what public feeds carry."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="globe")
class SyndicationSettings(BaseSiteSetting):
    """What a site's public feeds carry: standfirsts or full text, and the rights notice."""

    public_full_text = models.BooleanField(
        _("full text in public feeds"),
        default=False,
        help_text=_(
            "Off: public feeds carry standfirsts and partners' tokens unlock the full text. "
            "On: everyone's feeds carry the full text."
        ),
    )
    rights_notice = models.CharField(
        _("rights notice"),
        max_length=300,
        blank=True,
        help_text=_("Shown in every feed, e.g. the terms on which stories may be republished."),
    )

    class Meta:
        verbose_name = _("syndication")
