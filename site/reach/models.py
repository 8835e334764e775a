"""What reach stores: counts per day (and per month, and since publication), never a reader.

Every row is a number of reads, pulls or searches on a day or in a month, for a story,
language, kind of referring site, partner or normalised query; nothing in them says who read,
pulled or searched. The data protection page (``privacy``) is generated from these models'
fields.

The tables share their shape through the abstract models below: what is counted (a story, a
language, a day or a month) and how (reads, searches). A daily table of reads or search gaps
has a monthly twin the fold keeps beside it, so that a long period sums months, not days
(``periods``), and each story's reads since publication are kept whole (``StoryTotal``), so
that the most read stories are found without summing every story's days.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reach.referrers import HOST_NAME, ReferrerKind


def counted_once(*fields: str, name: str) -> models.UniqueConstraint:
    """One row per value of ``fields``: the fold adds to it (``ON CONFLICT``)."""
    return models.UniqueConstraint(fields=fields, name=name)


class Count(models.Model):
    """A row of counts: what it counts (``counted_by``), when (``when``), and its count."""

    counted_by: tuple[str, ...] = ("language",)
    when = ""
    count_field = "reads"

    class Meta:
        abstract = True

    def __str__(self):
        names = [str(getattr(self, name)) for name in self.counted_by]
        if self.when:
            names.append(str(getattr(self, self.when)))
        return f"{' '.join(names)}: {getattr(self, self.count_field)}"


class InALanguage(Count):
    """Counts in one of the newsroom's languages."""

    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)

    class Meta:
        abstract = True


class OnADay(InALanguage):
    """Counts of a day, in the ministry's time zone."""

    when = "day"
    day = models.DateField(_("day"))

    class Meta:
        abstract = True


class InAMonth(InALanguage):
    """Counts of a month, kept as its first day: the sum of the month's daily rows."""

    when = "month"
    month = models.DateField(_("month"))

    class Meta:
        abstract = True


class OfAStory(Count):
    """Counts of one story."""

    counted_by = ("page_id", "language")
    page = models.ForeignKey(
        "content.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class Reads(Count):
    """Counted in reads: one a reader's view of a story."""

    reads = models.PositiveBigIntegerField(_("reads"), default=0)

    class Meta:
        abstract = True


class ReadsFromASite(Reads):
    """Reads that came from one kind of site and its host (empty: direct)."""

    counted_by = ("language", "kind", "host")
    kind = models.CharField(_("kind of site"), max_length=16, choices=ReferrerKind.choices)
    host = models.CharField(_("referring site"), max_length=253, blank=True)

    class Meta:
        abstract = True


class SearchedFor(Count):
    """How often a normalised query was searched for."""

    counted_by = ("language", "query")
    count_field = "searches"
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveBigIntegerField(_("searches"), default=0)

    class Meta:
        abstract = True


class StoryReads(OnADay, OfAStory, Reads):
    """Reads of a story in a language on a day (the ministry's time zone)."""

    class Meta:
        verbose_name = _("reads of a story")
        verbose_name_plural = _("reads of stories")
        constraints = [counted_once("page", "language", "day", name="reach_story_reads_once_a_day")]
        indexes = [models.Index(fields=["day", "language"], name="reach_story_reads_by_day")]
        permissions = [("view_reach", _("Can see the newsroom's reach"))]


class StoryReadsByMonth(InAMonth, OfAStory, Reads):
    """Reads of a story in a language in a month."""

    class Meta:
        verbose_name = _("reads of a story in a month")
        verbose_name_plural = _("reads of stories per month")
        constraints = [counted_once("page", "language", "month", name="reach_story_month_once")]


class StoryTotal(InALanguage, OfAStory, Reads):
    """Reads of a story in a language since it was published, and the first and last day read.

    The most read stories of a period are looked for among those read in it, most read in all
    first: a story cannot have been read more in a period than in all (``queries``).
    """

    first_day = models.DateField(_("first day read"))
    last_day = models.DateField(_("last day read"))

    class Meta:
        verbose_name = _("reads of a story in all")
        verbose_name_plural = _("reads of stories in all")
        constraints = [counted_once("page", "language", name="reach_story_total_once")]
        # The candidates for the top of a period, in the order they are looked at.
        indexes = [
            models.Index(
                fields=["language", "-reads", "page", "first_day", "last_day"],
                name="reach_story_total_ranked",
            )
        ]


class Referrals(OnADay, ReadsFromASite):
    """Reads in a language on a day that came from one referring site (or directly)."""

    class Meta:
        verbose_name = verbose_name_plural = _("referrals")
        constraints = [
            counted_once("day", "language", "kind", "host", name="reach_referrals_once_a_day")
        ]


class ReferralsByMonth(InAMonth, ReadsFromASite):
    """Reads in a language in a month that came from one referring site (or directly)."""

    class Meta:
        verbose_name = verbose_name_plural = _("referrals per month")
        constraints = [
            counted_once("month", "language", "kind", "host", name="reach_referrals_month_once")
        ]


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


class Searches(OnADay):
    """Readers' searches in a language on a day, and how many of them found nothing."""

    count_field = "searches"
    searches = models.PositiveBigIntegerField(_("searches"), default=0)
    found_nothing = models.PositiveBigIntegerField(_("found nothing"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("searches")
        constraints = [counted_once("day", "language", name="reach_searches_once_a_day")]


class SearchGap(OnADay, SearchedFor):
    """A normalised query that found nothing, and how often it was searched on a day."""

    class Meta:
        verbose_name = _("search gap")
        verbose_name_plural = _("search gaps")
        constraints = [counted_once("day", "language", "query", name="reach_search_gap_once_a_day")]


class SearchGapsByMonth(InAMonth, SearchedFor):
    """A normalised query that found nothing, and how often it was searched in a month."""

    class Meta:
        verbose_name = _("search gap in a month")
        verbose_name_plural = _("search gaps per month")
        constraints = [
            counted_once("month", "language", "query", name="reach_search_gap_month_once")
        ]


class FeedPulls(OnADay):
    """Pulls of one feed on a day, by a partner (with its token) or by anyone (public)."""

    counted_by = ("language", "feed")
    count_field = "pulls"
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
        verbose_name = verbose_name_plural = _("feed pulls")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "partner", "feed"],
                name="reach_feed_pulls_once_a_day",
                nulls_distinct=False,
            )
        ]


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
        verbose_name = verbose_name_plural = _("hub notifications")

    def __str__(self):
        return f"{self.day}: {self.acknowledged}/{self.sent}"


class ReadsRollup(OnADay, Reads):
    """Reads on a day in a language, in all, per section, per topic or per lead unit.

    Kept beside the story reads by the fold, so that the overview sums a few hundred rows a
    period instead of every story's.
    """

    counted_by = ("dimension", "key", "language")
    dimension = models.CharField(_("by"), max_length=16)
    key = models.BigIntegerField(_("section, topic or unit"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("reads in all")
        constraints = [
            counted_once("dimension", "day", "language", "key", name="reach_rollup_once_a_day")
        ]
