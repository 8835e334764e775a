"""What reach stores: counts per day, never a reader.

Every row is a number of reads, pulls or searches on a day, for a story, language, kind of
referring site, partner or normalised query; nothing in them says who read, pulled or
searched. The data protection page (``privacy``) is generated from these models' fields.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reach.referrers import HOST_NAME, ReferrerKind


class StoryReads(models.Model):
    """Reads of a story in a language on a day (the ministry's time zone)."""

    day = models.DateField(_("day"))
    page = models.ForeignKey(
        "content.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("reads of a story")
        verbose_name_plural = _("reads of stories")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "day"], name="reach_story_reads_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["day", "language"], name="reach_story_reads_by_day")]
        permissions = [("view_reach", _("Can see the newsroom's reach"))]

    def __str__(self):
        return f"{self.page_id} {self.language} {self.day}: {self.reads}"


class Referrals(models.Model):
    """Reads in a language on a day that came from one referring site (or directly)."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind of site"), max_length=16, choices=ReferrerKind.choices)
    host = models.CharField(_("referring site"), max_length=253, blank=True)
    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("referrals")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "kind", "host"], name="reach_referrals_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.language} {self.day} {self.kind} {self.host}: {self.reads}"


class PartnerSite(models.Model):
    """A partner's web site: reads it refers count as from partner sites."""

    partner = models.ForeignKey(
        "newsroom_search.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    host = models.CharField(
        _("host name"), max_length=253, unique=True, help_text=_("For example: www.example.com")
    )

    class Meta:
        verbose_name = _("partner site")
        verbose_name_plural = _("partner sites")

    def __str__(self):
        return self.host

    def clean(self):
        self.host = self.host.strip().lower().removeprefix("www.").rstrip(".")
        if not HOST_NAME.fullmatch(self.host):
            raise ValidationError({"host": _("Enter a host name, such as example.com.")})


class FoldedWindow(models.Model):
    """A minute of the buffer already folded: folding it twice would count it twice."""

    window = models.BigIntegerField(primary_key=True)
    folded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.window)


class Searches(models.Model):
    """Readers' searches in a language on a day, and how many of them found nothing."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    searches = models.PositiveBigIntegerField(_("searches"), default=0)
    found_nothing = models.PositiveBigIntegerField(_("found nothing"), default=0)

    class Meta:
        verbose_name = _("searches")
        verbose_name_plural = _("searches")
        constraints = [
            models.UniqueConstraint(fields=["day", "language"], name="reach_searches_once_a_day")
        ]

    def __str__(self):
        return f"{self.language} {self.day}: {self.searches}"


class SearchGap(models.Model):
    """A normalised query that found nothing, and how often it was searched on a day."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveBigIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search gap")
        verbose_name_plural = _("search gaps")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query"], name="reach_search_gap_once_a_day"
            )
        ]

    def __str__(self):
        return self.query


class FeedPulls(models.Model):
    """Pulls of one feed on a day, by a partner (with its token) or by anyone (public)."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    partner = models.ForeignKey(
        "newsroom_search.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    feed = models.CharField(_("feed"), max_length=200)
    pulls = models.PositiveBigIntegerField(_("pulls"), default=0)
    items = models.PositiveBigIntegerField(_("items delivered"), default=0)

    class Meta:
        verbose_name = _("feed pulls")
        verbose_name_plural = _("feed pulls")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "partner", "feed"],
                name="reach_feed_pulls_once_a_day",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.feed} {self.day}: {self.pulls}"


class HubNotifications(models.Model):
    """WebSub pings on a day: sent to the hub, acknowledged by it, and the feeds they named.

    Read from the background worker's own results of ``search.tasks.announce_feed_changes``,
    which say what each attempt announced: nothing is counted twice.
    """

    day = models.DateField(_("day"), unique=True)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    acknowledged = models.PositiveIntegerField(_("acknowledged"), default=0)
    feeds = models.PositiveIntegerField(_("feeds announced"), default=0)

    class Meta:
        verbose_name = _("hub notifications")
        verbose_name_plural = _("hub notifications")

    def __str__(self):
        return f"{self.day}: {self.acknowledged}/{self.sent}"


class ReadsRollup(models.Model):
    """Reads on a day in a language, in all, per section, per topic or per lead unit.

    Kept beside the story reads by the fold, so that the overview sums a few hundred rows a
    period instead of every story's.
    """

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    dimension = models.CharField(_("by"), max_length=16)
    key = models.BigIntegerField(_("section, topic or unit"), default=0)
    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("reads in all")
        verbose_name_plural = _("reads in all")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "day", "language", "key"], name="reach_rollup_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.dimension} {self.key} {self.language} {self.day}: {self.reads}"
