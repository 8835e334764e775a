"""The numbering rules of Vietnamese official documents, one pattern per kind.

A number such as ``2387/QD-BCT`` says what kind of document it is: the letters before
the issuer (``QD``) are the kind's abbreviation. Decrees and circulars also carry the
year they were signed (``31/2025/ND-CP``). Writers may type ``Đ`` or ``D``; both are
accepted and the number is stored as typed.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The kinds of official document a story may cite."""

    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    CONCLUSION = "conclusion", _("Conclusion")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    DIRECTIVE = "directive", _("Directive")


@dataclass(frozen=True)
class NumberingRule:
    """How one kind of document is numbered, and the pattern its numbers match."""

    patterns: tuple[re.Pattern, ...]
    examples: str
    carries_year: bool = False


_ISSUER = r"[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ]*)*"
_D = "[DĐ]"

NUMBERING_RULES: dict[str, NumberingRule] = {
    DocumentKind.RESOLUTION: NumberingRule(
        (re.compile(rf"^\d{{1,5}}/NQ-{_ISSUER}$"), re.compile(rf"^\d{{1,5}}-NQ/{_ISSUER}$")),
        "47/NQ-CP, 57-NQ/TW",
    ),
    DocumentKind.DECISION: NumberingRule(
        (re.compile(rf"^\d{{1,5}}/Q{_D}-{_ISSUER}$"),),
        "2387/QD-BCT, 1492/QĐ-TTg",
    ),
    DocumentKind.CONCLUSION: NumberingRule(
        (re.compile(rf"^\d{{1,5}}-KL/{_ISSUER}$"),),
        "57-KL/TW",
    ),
    DocumentKind.DECREE: NumberingRule(
        (re.compile(rf"^\d{{1,4}}/(?P<year>\d{{4}})/N{_D}-CP$"),),
        "31/2025/ND-CP",
        carries_year=True,
    ),
    DocumentKind.CIRCULAR: NumberingRule(
        (re.compile(rf"^\d{{1,4}}/(?P<year>\d{{4}})/TT-{_ISSUER}$"),),
        "12/2025/TT-BCT",
        carries_year=True,
    ),
    DocumentKind.DIRECTIVE: NumberingRule(
        (re.compile(rf"^\d{{1,4}}/CT-{_ISSUER}$"), re.compile(rf"^\d{{1,4}}-CT/{_ISSUER}$")),
        "07/CT-TTg, 05-CT/TW",
    ),
}


def match_number(kind: str, number: str) -> re.Match | None:
    """Return the match of ``number`` against its kind's patterns, or None if it fits none."""
    rule = NUMBERING_RULES[kind]
    for pattern in rule.patterns:
        if match := pattern.match(number):
            return match
    return None


def number_year(kind: str, number: str) -> int | None:
    """The year written inside a decree's or circular's number, if the kind carries one."""
    match = match_number(kind, number)
    if match and NUMBERING_RULES[kind].carries_year:
        return int(match.group("year"))
    return None
