"""The Reach areas as tables: what the admin charts and lists, CSV exports and the monthly report.

An area (overview, stories, translations, feeds, searches) is a list of ``Table``; each table
has a slug (its CSV export's name), a title, columns and rows, and says which chart, if any,
shows it: the numbers behind every chart are always there as a table.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reach import queries
from reach.period import Period
from reach.referrers import ReferrerKind

LANGUAGE_NAMES = dict(settings.LANGUAGES)
StrOrPromise = str | Promise


@dataclass
class Table:
    """A titled table of one area, with the chart that shows it, if any."""

    slug: str
    title: StrOrPromise
    columns: list[StrOrPromise]
    rows: list[tuple]
    chart: str = ""  # "bars" (first column by the last) or "line" (a value per day)


def _language(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def overview(period: Period) -> list[Table]:
    kinds = dict(ReferrerKind.choices)
    return [
        Table(
            "languages",
            _("Reads per language"),
            [_("Language"), _("Reads")],
            [(_language(code), n) for code, n in queries.reads_by_language(period)],
            "bars",
        ),
        Table(
            "days",
            _("Reads per day"),
            [_("Day"), _("Reads")],
            queries.reads_by_day(period),
            "line",
        ),
        Table(
            "sections",
            _("Reads per section"),
            [_("Section"), _("Reads")],
            queries.reads_by_section(period),
            "bars",
        ),
        Table(
            "topics",
            _("Reads per topic"),
            [_("Topic"), _("Reads")],
            queries.reads_by_topic(period),
            "bars",
        ),
        Table(
            "units",
            _("Reads per lead unit"),
            [_("Unit"), _("Reads")],
            queries.reads_by_unit(period),
            "bars",
        ),
        Table(
            "referrers",
            _("Where readers came from"),
            [_("Kind of site"), _("Reads")],
            [(str(kinds.get(kind, kind)), n) for kind, n in queries.referrals_by_kind(period)],
            "bars",
        ),
        Table(
            "sites",
            _("Referring sites"),
            [_("Site"), _("Kind of site"), _("Reads")],
            [
                (host, str(kinds.get(kind, kind)), n)
                for host, kind, n in queries.top_referring_sites(period)
            ],
        ),
    ]


def stories(period: Period) -> list[Table]:
    tops = queries.top_stories_by_language(period, [code for code, _name in settings.LANGUAGES])
    return [
        Table(
            f"top-{code}",
            _("Most read in %(language)s") % {"language": name},
            [_("Story"), _("Reads")],
            [(title, n) for _pk, title, n in tops[code]],
            "bars",
        )
        for code, name in settings.LANGUAGES
    ]


def translations(period: Period) -> list[Table]:
    return [
        Table(
            "lag",
            _("Hours from publication to each translation going live"),
            [_("Language"), _("Translations"), _("Median hours"), _("Reads since")],
            [
                (_language(code), count, round(hours, 1), reads)
                for code, count, hours, reads in queries.translation_lag_by_language(period)
            ],
        ),
        Table(
            "translations",
            _("Translations gone live"),
            [_("Story"), _("Language"), _("Hours after publication"), _("Reads since")],
            [
                (title, _language(code), round(hours, 1), reads)
                for _pk, title, code, hours, reads in queries.translation_lags(period)
            ],
        ),
    ]


def feeds(period: Period) -> list[Table]:
    public = str(_("Public feeds"))
    return [
        Table(
            "partners",
            _("Feed pulls per partner"),
            [_("Partner"), _("Items delivered"), _("Pulls")],
            [(name or public, items, n) for name, n, items in queries.pulls_by_partner(period)],
            "bars",
        ),
        Table(
            "feeds",
            _("Most pulled feeds"),
            [_("Partner"), _("Language"), _("Feed"), _("Pulls"), _("Items delivered")],
            [
                (name or public, _language(code), feed, n, items)
                for name, code, feed, n, items in queries.pulls_by_feed(period)
            ],
        ),
        Table(
            "hub",
            _("WebSub notifications"),
            [_("Day"), _("Sent"), _("Acknowledged"), _("Feeds announced")],
            queries.hub_notifications(period),
        ),
    ]


def searches(period: Period) -> list[Table]:
    return [
        Table(
            "searches",
            _("Searches per language"),
            [_("Language"), _("Found nothing"), _("Searches")],
            [
                (_language(code), nothing, n)
                for code, n, nothing in queries.searches_by_language(period)
            ],
            "bars",
        ),
        Table(
            "gaps",
            _("Searches that found nothing"),
            [_("Language"), _("Query"), _("Searches")],
            [(_language(code), query, n) for code, query, n in queries.search_gaps(period)],
        ),
    ]


AREAS: dict[str, tuple[StrOrPromise, Callable[[Period], list[Table]]]] = {
    "overview": (_("Overview"), overview),
    "stories": (_("Top stories"), stories),
    "translations": (_("Translations"), translations),
    "feeds": (_("Partners and feeds"), feeds),
    "searches": (_("Search gaps"), searches),
}
