"""Numbers as each language writes them, read as values.

"1.234,5" in Vietnamese, "1 234,5" in French, "1,234.5" in English and "١٬٢٣٤٫٥" in Arabic
are one number. Only digits are read (any script's, see ``checked_text``): numbers spelled
out in words ("ba", "three") and CJK numerals or multipliers (万, 亿, 千) are not.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .mentions import Mention

_NARROW_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces


@dataclass(frozen=True)
class NumberFormat:
    """The marks a language writes between digits."""

    decimal_marks: str
    group_marks: str


COMMA_DECIMAL = NumberFormat(decimal_marks=",", group_marks="." + _NARROW_SPACES + " ")
DOT_DECIMAL = NumberFormat(decimal_marks=".", group_marks="," + _NARROW_SPACES)
# Arabic writes ٫ and ٬ with Arabic-Indic digits, and . and , with Western ones.
ARABIC = NumberFormat(decimal_marks="٫.", group_marks="٬," + _NARROW_SPACES)

NUMBER_FORMATS: dict[str, NumberFormat] = {
    "vi": COMMA_DECIMAL,
    "fr": COMMA_DECIMAL,
    "es": COMMA_DECIMAL,
    "ru": COMMA_DECIMAL,
    "en": DOT_DECIMAL,
    "zh": DOT_DECIMAL,
    "ja": DOT_DECIMAL,
    "ko": DOT_DECIMAL,
    "ar": ARABIC,
}

# Digits with single marks between them; which marks make one number is the language's call.
_NUMBER = re.compile(r"(?<!\d)\d+(?:[.,٫٬ " + _NARROW_SPACES + r"]\d+)*")
_MARK = re.compile(r"\D")


def primary_language(language: str) -> str:
    """The primary subtag ("zh-hans" -> "zh"): formats and months follow it, not the script."""
    return language.lower().replace("_", "-").split("-", 1)[0]


def number_format(language: str) -> NumberFormat:
    return NUMBER_FORMATS.get(primary_language(language), DOT_DECIMAL)


def _is_grouped(groups: list[str], marks: list[str], number_format: NumberFormat) -> bool:
    if not marks:
        return True
    return (
        len(set(marks)) == 1
        and marks[0] in number_format.group_marks
        and 1 <= len(groups[0]) <= 3
        and all(len(group) == 3 for group in groups[1:])
    )


def _as_one_number(
    groups: list[str], marks: list[str], number_format: NumberFormat
) -> Decimal | None:
    if _is_grouped(groups, marks, number_format):
        return Decimal("".join(groups))
    if marks[-1] in number_format.decimal_marks and _is_grouped(
        groups[:-1], marks[:-1], number_format
    ):
        return Decimal("".join(groups[:-1]) + "." + groups[-1])
    return None


def _value(groups: list[str], marks: list[str], number_format: NumberFormat) -> Decimal | None:
    """The one number the marks make, read the language's way first, else another way.

    Translators and sources mix conventions: "2.5" in Vietnamese or "1.234,5" in English
    can only be read the other way. Where both readings work, the language's wins: "1.234"
    in English is one and a bit, as its readers will read it.
    """
    for convention in (number_format, COMMA_DECIMAL, DOT_DECIMAL, ARABIC):
        if (value := _as_one_number(groups, marks, convention)) is not None:
            return value
    return None


def _numbers_in(
    token: str, start: int, number_format: NumberFormat
) -> list[tuple[Decimal, int, int]]:
    """(value, start, end) for each number in a run of digits and marks at ``start``."""
    groups, marks = _MARK.split(token), _MARK.findall(token)
    if not marks:
        return [(Decimal(token), start, start + len(token))]
    if (value := _value(groups, marks, number_format)) is not None:
        return [(value, start, start + len(token))]
    # "2024 150" is two numbers side by side, each of which may be grouped itself; marks that
    # make no number ("1.2.3") separate numbers too.
    separator = r"\s" if any(mark.isspace() for mark in marks) else r"\D"
    return [
        number
        for part in re.finditer(rf"[^{separator}]+", token)
        for number in _numbers_in(part.group(), start + part.start(), number_format)
    ]


def read_numbers(token: str, language: str) -> list[Decimal]:
    """The values written in a run of digits and marks, by ``language``'s conventions."""
    return [value for value, _, _ in _numbers_in(token, 0, number_format(language))]


def find_numbers(text: str, language: str) -> list[Mention]:
    """Every number in ``text``, read by ``language``'s conventions (signs are ignored)."""
    convention = number_format(language)
    return [
        Mention(text[start:end], value, start, end)
        for match in _NUMBER.finditer(text)
        for value, start, end in _numbers_in(match.group(), match.start(), convention)
    ]
