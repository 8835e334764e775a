"""What every format writes the same way: language tags, embargo notices, dates."""

from datetime import UTC, datetime

from django.utils.translation import gettext as _
from django.utils.translation import override

# Our own elements in RSS and Atom: embargoes and cited official documents.
NEWSROOM_NS = "urn:x-newsroom:syndication:1"


def language_tag(code: str) -> str:
    """BCP 47, as feeds and ninjs expect: ``zh-hans`` is ``zh-Hans``."""
    primary, *rest = code.split("-")
    return "-".join([primary, *(part.title() if len(part) == 4 else part for part in rest)])


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def embargo_notice(until: datetime, language: str) -> str:
    with override(language):
        return _("EMBARGOED until %(time)s UTC") % {
            "time": until.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        }


def display_title(title: str, embargoed_until: datetime | None, language: str) -> str:
    if embargoed_until is None:
        return title
    return f"[{embargo_notice(embargoed_until, language)}] {title}"
