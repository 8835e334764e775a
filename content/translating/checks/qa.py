"""Quality checks of a translation against its source, field by field.

Run before submission and on import. Official-document numbers, dates, numbers, links,
email addresses and termbase entries of the source must all be in the target; numbers and
dates may be written the target language's way ("1.234,5" → "1,234.5", "ngày 15 tháng 4
năm 2024" → "April 15, 2024"). A date that does not exist ("April 47") is always a finding.
Numbers count as often as they occur; a number inside a date, a document number, a link or
an address is not counted again. What is read and what is not: see ``numbers``, ``dates``
and ``terms``.
"""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import NamedTuple, cast

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from .checked_text import CheckedText, read_text
from .dates import WrittenDate, find_dates
from .mentions import Mention, blank_out
from .numbers import find_numbers
from .references import find_document_numbers, find_emails, find_urls, link_targets
from .terms import Term, TermMiss, TermRule, missing_terms

__all__ = [
    "Check",
    "FieldPair",
    "Finding",
    "Term",
    "TermRule",
    "TextFacts",
    "check_fields",
    "check_text",
    "read_facts",
]


class Check(StrEnum):
    """The kinds of check, as findings name them."""

    INVALID_DATE = "invalid_date"
    DOCUMENT_NUMBER = "document_number"
    DATE = "date"
    NUMBER = "number"
    URL = "url"
    EMAIL = "email"
    TERM = "term"
    NOT_TRANSLATED = "not_translated"


@dataclass(frozen=True)
class Finding:
    """One mismatch between a source and its translation.

    ``expected`` is what the source has (as written there), ``found`` what the translation has
    instead; either is empty when the other side has nothing to show.
    """

    check: Check
    message: str | Promise
    expected: str = ""
    found: str = ""


class FieldPair(NamedTuple):
    """A field to check: where it is ("Body › block 3 (paragraph)"), its source and target."""

    location: str
    source: str
    target: str


@dataclass(frozen=True)
class TextFacts:
    """What a text says that its translation must carry over."""

    document_numbers: list[Mention]
    dates: list[Mention]
    impossible_dates: list[Mention]
    numbers: list[Mention]
    urls: list[Mention]
    emails: list[Mention]
    text: str


def _format(template: str | Promise, values: dict[str, str]) -> str:
    return template % values


# Formatted when shown, so that the message is in the language of whoever reads it.
_message = lazy(_format, str)

# Per check: (missing from the translation, not in the source, changed).
_MESSAGES = {
    Check.DOCUMENT_NUMBER: (
        # Translators: %(expected)s is an official document's number, such as 47/NQ-CP.
        _("Document number “%(expected)s” is missing from the translation."),
        _("Document number “%(found)s” is in the translation but not in the source."),
        _("Document number “%(expected)s” was changed to “%(found)s”."),
    ),
    Check.DATE: (
        # Translators: %(expected)s is a date as the source writes it.
        _("The date “%(expected)s” is missing from the translation."),
        _("The date “%(found)s” is in the translation but not in the source."),
        _("The date “%(expected)s” was changed to “%(found)s”."),
    ),
    Check.NUMBER: (
        _("The number “%(expected)s” is missing from the translation."),
        _("The number “%(found)s” is in the translation but not in the source."),
        _("The number “%(expected)s” was changed to “%(found)s”."),
    ),
    Check.URL: (
        _("The link “%(expected)s” is missing from the translation."),
        _("The link “%(found)s” is in the translation but not in the source."),
        _("The link “%(expected)s” was changed to “%(found)s”."),
    ),
    Check.EMAIL: (
        _("The email address “%(expected)s” is missing from the translation."),
        _("The email address “%(found)s” is in the translation but not in the source."),
        _("The email address “%(expected)s” was changed to “%(found)s”."),
    ),
}
# Translators: %(found)s is a date as the translation writes it, such as "April 47".
_NOT_TRANSLATED = _("Not translated: the source has text here and the translation has none.")
_IMPOSSIBLE_DATE = _("“%(found)s” is not a date that exists.")
# Translators: %(expected)s is a name that translations keep as it is, such as a brand.
_PROTECTED_TERM = _("The term “%(expected)s” must appear unchanged in the translation.")
# Translators: %(term)s is a term of the source, %(expected)s its set translation.
_RENDERED_TERM = _("The term “%(term)s” must be translated as “%(expected)s”.")


def _written(checked: CheckedText, mentions: list[Mention]) -> list[Mention]:
    """Mentions shown as the text writes them (Arabic-Indic digits stay Arabic-Indic)."""
    return [replace(m, text=checked.written[m.start : m.end]) for m in mentions]


def _date(mention: Mention) -> WrittenDate:
    """The date a mention found by ``find_dates`` stands for."""
    return cast(WrittenDate, mention.key)


def read_facts(raw: str, language: str) -> TextFacts:
    """What ``raw`` (plain text or rich text HTML) in ``language`` must keep in translation."""
    checked = read_text(raw)
    text = checked.text
    found: dict[str, list[Mention]] = {}
    # Order matters: each kind is blanked out before the next one reads the text, so that the
    # 2024 of "15/2024/NĐ-CP" or of a link is not also a year or a number.
    for kind, finder in (
        ("urls", find_urls),
        ("emails", find_emails),
        ("document_numbers", find_document_numbers),
        ("dates", lambda text: find_dates(text, language)),
        ("numbers", lambda text: find_numbers(text, language)),
    ):
        found[kind] = _written(checked, finder(text))
        text = blank_out(text, found[kind])
    linked_urls, linked_emails = link_targets(checked.links)
    dates = [mention for mention in found["dates"] if not _date(mention).is_month_alone]
    return TextFacts(
        document_numbers=found["document_numbers"],
        dates=[mention for mention in dates if _date(mention).exists],
        impossible_dates=[mention for mention in found["dates"] if not _date(mention).exists],
        numbers=found["numbers"],
        urls=found["urls"] + linked_urls,
        emails=found["emails"] + linked_emails,
        text=checked.written,
    )


def _first_of_each(mentions: Iterable[Mention]) -> list[Mention]:
    seen, firsts = set(), []
    for mention in mentions:
        if mention.key not in seen:
            seen.add(mention.key)
            firsts.append(mention)
    return firsts


def _unmatched(mentions: list[Mention], surplus: Counter[Hashable]) -> list[Mention]:
    """The mentions, in text order, whose values the other side lacks."""
    left = Counter(surplus)
    picked = []
    for mention in mentions:
        if left[mention.key] > 0:
            left[mention.key] -= 1
            picked.append(mention)
    return picked


def _compare(
    check: Check, source: list[Mention], target: list[Mention], *, each_occurrence: bool
) -> list[Finding]:
    if not each_occurrence:
        source, target = _first_of_each(source), _first_of_each(target)
    source_counts = Counter(mention.key for mention in source)
    target_counts = Counter(mention.key for mention in target)
    missing = _unmatched(source, source_counts - target_counts)
    unexpected = _unmatched(target, target_counts - source_counts)
    missing_message, unexpected_message, changed_message = _MESSAGES[check]
    # A value missing and another one in its place, in the same order, reads as a change.
    changed = [
        Finding(
            check,
            _message(changed_message, {"expected": before.text, "found": after.text}),
            before.text,
            after.text,
        )
        for before, after in zip(missing, unexpected, strict=False)
    ]
    paired = len(changed)
    return [
        *changed,
        *(
            Finding(check, _message(missing_message, {"expected": m.text}), expected=m.text)
            for m in missing[paired:]
        ),
        *(
            Finding(check, _message(unexpected_message, {"found": m.text}), found=m.text)
            for m in unexpected[paired:]
        ),
    ]


def _term_finding(miss: TermMiss) -> Finding:
    if miss.protected:
        message = _message(_PROTECTED_TERM, {"expected": miss.required})
    else:
        message = _message(_RENDERED_TERM, {"term": miss.term.source, "expected": miss.required})
    return Finding(Check.TERM, message, expected=miss.required)


def _has_text(text: str) -> bool:
    """Whether ``text`` says anything: rich text's empty paragraph (``<p></p>``) does not."""
    return bool(read_text(text).text.strip())


def check_text(
    source_text: str,
    target_text: str,
    source_language: str,
    target_language: str,
    terms: Iterable[Term] = (),
) -> list[Finding]:
    """The findings of one field's translation; an empty list means it passes."""
    if _has_text(source_text) and not _has_text(target_text):
        # One finding says it all: every number and date of the source would be "missing".
        return [Finding(Check.NOT_TRANSLATED, _NOT_TRANSLATED)]
    source = read_facts(source_text, source_language)
    target = read_facts(target_text, target_language)
    return [
        *(
            Finding(
                Check.INVALID_DATE,
                _message(_IMPOSSIBLE_DATE, {"found": mention.text}),
                found=mention.text,
            )
            for mention in target.impossible_dates
        ),
        *_compare(
            Check.DOCUMENT_NUMBER,
            source.document_numbers,
            target.document_numbers,
            each_occurrence=False,
        ),
        *_compare(Check.DATE, source.dates, target.dates, each_occurrence=False),
        *_compare(Check.NUMBER, source.numbers, target.numbers, each_occurrence=True),
        *_compare(Check.URL, source.urls, target.urls, each_occurrence=False),
        *_compare(Check.EMAIL, source.emails, target.emails, each_occurrence=False),
        *(
            _term_finding(miss)
            for miss in missing_terms(source.text, target.text, target_language, terms)
        ),
    ]


def check_fields(
    pairs: Iterable[tuple[str, str, str]],
    source_language: str,
    target_language: str,
    terms: Iterable[Term] = (),
) -> dict[str, list[Finding]]:
    """Findings by location, in the order given, for the fields and blocks that have any.

    ``pairs`` are (location, source text, target text); a location given twice (a block's
    several texts) gathers the findings of all its texts.
    """
    terms = tuple(terms)
    grouped: dict[str, list[Finding]] = {}
    for location, source_text, target_text in pairs:
        if findings := check_text(
            source_text, target_text, source_language, target_language, terms
        ):
            grouped.setdefault(location, []).extend(findings)
    return grouped
