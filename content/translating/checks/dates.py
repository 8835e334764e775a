"""Dates as each language writes them, read as (year, month, day), and whether they exist.

"ngày 15 tháng 4 năm 2024", "April 15, 2024" and "2024年4月15日" are one date; "April 47"
and "30 février" are none. A date may lack its year ("15 April") or its day ("April 2024");
a month alone with digits ("tháng 4", "4月", "4월") is read so that its digit is not taken
for a number, but not compared, since other languages name a month without digits.
Not read: months spelled out in Vietnamese ("tháng Tư"); Japanese eras (令和6年 is read as
year 6, so it differs from 2024); numeric dates in Chinese, Japanese and Korean other than
year first (2024/4/15). English "5/4/2024" is read day first, month first only when the
day first is impossible.
"""

import calendar
import re
from dataclasses import dataclass
from typing import NamedTuple

from .mentions import Mention, blank_out
from .numbers import primary_language


class WrittenDate(NamedTuple):
    """A date as far as the text gives it; a month of 0 means the text contradicts itself."""

    year: int | None
    month: int
    day: int | None

    @property
    def exists(self) -> bool:
        if not 1 <= self.month <= 12 or (self.year is not None and not 1 <= self.year <= 9999):
            return False
        if self.day is None:
            return True
        # A day and month without a year exist if they do in some year: 29 February does.
        days = calendar.monthrange(self.year if self.year is not None else 2000, self.month)[1]
        return 1 <= self.day <= days

    @property
    def is_month_alone(self) -> bool:
        return self.year is None and self.day is None


@dataclass(frozen=True)
class _DatePattern:
    regex: re.Pattern[str]
    # English numeric dates: read day first unless only month first makes sense.
    either_order: bool = False


def _months(*names_by_month: str) -> dict[str, int]:
    """{"name": month} from one string of "|"-separated names per month, January first."""
    return {
        name: month
        for month, names in enumerate(names_by_month, start=1)
        for name in names.split("|")
    }


MONTH_NAMES: dict[str, dict[str, int]] = {
    "en": _months(
        "January|Jan",
        "February|Feb",
        "March|Mar",
        "April|Apr",
        "May",
        "June|Jun",
        "July|Jul",
        "August|Aug",
        "September|Sept|Sep",
        "October|Oct",
        "November|Nov",
        "December|Dec",
    ),
    "fr": _months(
        "janvier",
        "février|fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août|aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre|decembre",
    ),
    "es": _months(
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre|setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    # Nominative, genitive ("15 апреля") and prepositional ("в апреле 2024 года").
    "ru": _months(
        "январь|января|январе",
        "февраль|февраля|феврале",
        "март|марта|марте",
        "апрель|апреля|апреле",
        "май|мая|мае",
        "июнь|июня|июне",
        "июль|июля|июле",
        "август|августа|августе",
        "сентябрь|сентября|сентябре",
        "октябрь|октября|октябре",
        "ноябрь|ноября|ноябре",
        "декабрь|декабря|декабре",
    ),
    # The Egyptian and Gulf names, with their common spellings, then the Levantine ones.
    "ar": _months(
        "يناير|كانون الثاني",
        "فبراير|شباط",
        "مارس|آذار|اذار",
        "أبريل|ابريل|إبريل|نيسان",
        "مايو|أيار|ايار",
        "يونيو|يونيه|حزيران",
        "يوليو|يوليه|تموز",
        "أغسطس|اغسطس|آب",
        "سبتمبر|أيلول|ايلول",
        "أكتوبر|اكتوبر|تشرين الأول|تشرين الاول",
        "نوفمبر|تشرين الثاني",
        "ديسمبر|كانون الأول|كانون الاول",
    ),
}


def _month_key(name: str) -> str:
    return " ".join(name.casefold().rstrip(".").split())


_MONTH_LOOKUP = {
    language: {_month_key(name): month for name, month in names.items()}
    for language, names in MONTH_NAMES.items()
}


def _alternatives(names: dict[str, int]) -> str:
    # Longest first, so that "Sept" wins over "Sep" and "كانون الثاني" is read whole.
    spelled = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in spelled)


def _month(language: str, group: str = "mn") -> str:
    return rf"(?<!\w)(?P<{group}>{_alternatives(MONTH_NAMES[language])})(?!\w)"


# A number that is not the tail of another number (a decimal, a list like 1,2).
_START = r"(?<![\d.,])"
_END = r"(?!\d|[.,]\d)"
_ORDINAL_EN = r"(?:st|nd|rd|th)?"
# "June 2030, 57" ending a phrase is a date with its numbers in the wrong slots; in "In June
# 2030, 57 firms signed" the sentence goes on, and it is a month and a count.
_PHRASE_ENDS = r"(?!\d|[.,]\d|\s*[^\W\d_])"

_YEAR_FIRST = rf"{_START}(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){_END}"
_DAY_FIRST = rf"{_START}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_END}"

_EN_MONTH = _month("en")
_FR_MONTH = _month("fr")
_ES_MONTH = _month("es")
_RU_MONTH = _month("ru")
# "15 апреля 2024 г." and "в апреле 2024 года": the year word belongs to the date as written.
_RU_YEAR = r"(?:\s+(?:года|году)(?!\w)|\s*г\.)?"
_AR_MONTHS = rf"{_month('ar')}(?:\s*[/(]\s*{_month('ar', 'mn2')}\)?)?"

# In Vietnamese, CJK and Korean the words around the digits say which is the day, the month
# and the year, so any number of digits is read into its slot: a scrambled date then shows as
# one that does not exist rather than as loose numbers.
_VI_DAY_WORDS = r"(?<!\w)(?:ngày|hôm|sáng|trưa|chiều|tối|đêm)"

_SOURCES: dict[str, list[str | tuple[str, bool]]] = {
    "vi": [
        _DAY_FIRST,
        rf"(?:(?<!\w)ngày\s+)?{_START}(?P<d>\d{{1,4}})\s+tháng\s+(?P<m>\d{{1,4}})\s*,?\s+"
        rf"năm\s+(?P<y>\d{{1,4}}){_END}",
        rf"(?<!\w)tháng\s+(?P<m>\d{{1,4}})\s+năm\s+(?P<y>\d{{1,4}}){_END}",
        rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}})\s*[/-]\s*(?P<y>\d{{4}}){_END}",
        rf"(?<!\w)ngày\s+(?P<d>\d{{1,4}})\s+tháng\s+(?P<m>\d{{1,4}}){_END}",
        rf"{_START}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}}){_END}",
        rf"{_VI_DAY_WORDS}\s+(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?!\d|[/.-]\d)",
        rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}}){_END}",
    ],
    "en": [
        (_DAY_FIRST, True),
        rf"{_START}(?P<d>\d{{1,2}}){_ORDINAL_EN}\s+(?:of\s+)?{_EN_MONTH}\.?,?\s+(?P<y>\d{{4}}){_END}",
        rf"{_EN_MONTH}\.?\s+(?P<d>\d{{1,2}}){_ORDINAL_EN},?\s+(?P<y>\d{{4}}){_END}",
        rf"{_EN_MONTH}\.?\s+(?P<d>\d{{1,4}}){_ORDINAL_EN},\s*(?P<y>\d{{1,4}}){_PHRASE_ENDS}",
        rf"{_START}(?P<d>\d{{1,2}}){_ORDINAL_EN}\s+(?:of\s+)?{_EN_MONTH}",
        rf"{_EN_MONTH}\.?\s+(?P<dy>\d{{1,4}}){_ORDINAL_EN}{_END}",
    ],
    "fr": [
        _DAY_FIRST,
        rf"{_START}(?P<d>\d{{1,2}})(?:er|ᵉʳ)?\s+{_FR_MONTH}\s+(?P<y>\d{{4}}){_END}",
        rf"{_START}(?P<d>\d{{1,2}})(?:er|ᵉʳ)?\s+{_FR_MONTH}",
        rf"{_FR_MONTH}\s+(?P<y>\d{{4}}){_END}",
    ],
    "es": [
        _DAY_FIRST,
        rf"{_START}(?P<d>\d{{1,2}})(?:\.?[º°])?\s+de\s+{_ES_MONTH}\s+del?\s+(?P<y>\d{{4}}){_END}",
        rf"{_START}(?P<d>\d{{1,2}})(?:\.?[º°])?\s+de\s+{_ES_MONTH}",
        rf"{_ES_MONTH}\s+(?:del?\s+)?(?P<y>\d{{4}}){_END}",
    ],
    "ru": [
        _DAY_FIRST,
        rf"{_START}(?P<d>\d{{1,2}})\s+{_RU_MONTH}\s+(?P<y>\d{{4}}){_END}{_RU_YEAR}",
        rf"{_START}(?P<d>\d{{1,2}})\s+{_RU_MONTH}",
        rf"{_RU_MONTH}\s+(?P<y>\d{{4}}){_END}{_RU_YEAR}",
    ],
    "zh": [
        rf"{_START}(?P<y>\d{{1,4}})\s*年\s*(?P<m>\d{{1,4}})\s*月\s*(?P<d>\d{{1,4}})\s*日",
        rf"{_START}(?P<y>\d{{1,4}})\s*年\s*(?P<m>\d{{1,4}})\s*月",
        rf"{_START}(?P<m>\d{{1,4}})\s*月\s*(?P<d>\d{{1,4}})\s*日",
        rf"{_START}(?P<m>\d{{1,2}})\s*月",
    ],
    "ko": [
        rf"{_START}(?P<y>\d{{4}})\.\s*(?P<m>\d{{1,2}})\.\s*(?P<d>\d{{1,2}})\.?{_END}",
        rf"{_START}(?P<y>\d{{1,4}})\s*년\s*(?P<m>\d{{1,4}})\s*월\s*(?P<d>\d{{1,4}})\s*일",
        rf"{_START}(?P<y>\d{{1,4}})\s*년\s*(?P<m>\d{{1,4}})\s*월",
        rf"{_START}(?P<m>\d{{1,4}})\s*월\s*(?P<d>\d{{1,4}})\s*일",
        rf"{_START}(?P<m>\d{{1,2}})\s*월",
    ],
    "ar": [
        _DAY_FIRST,
        rf"{_START}(?P<d>\d{{1,2}})\s+(?:من\s+)?{_AR_MONTHS}\s+(?P<y>\d{{4}}){_END}",
        rf"{_START}(?P<d>\d{{1,2}})\s+(?:من\s+)?{_AR_MONTHS}",
        rf"{_AR_MONTHS}\s+(?P<y>\d{{4}}){_END}",
    ],
}
_SOURCES["ja"] = _SOURCES["zh"]


def _compile(language: str) -> tuple[_DatePattern, ...]:
    # English month names are capitalized; "may 15 firms" is not a date.
    flags = 0 if language == "en" else re.IGNORECASE
    patterns = [_DatePattern(re.compile(_YEAR_FIRST))]
    for source in _SOURCES.get(language, []):
        regex, either_order = source if isinstance(source, tuple) else (source, False)
        patterns.append(_DatePattern(re.compile(regex, flags), either_order))
    return tuple(patterns)


_PATTERNS = {language: _compile(language) for language in _SOURCES}
# Languages whose dates are read as their writers write them; others get ISO dates only.
DATE_LANGUAGES = frozenset(_SOURCES)
_YEAR_FIRST_ONLY = _compile("")


def _number(groups: dict[str, str | None], name: str) -> int | None:
    value = groups.get(name)
    return int(value) if value else None


def _read(match: re.Match[str], language: str, either_order: bool) -> WrittenDate:
    groups = match.groupdict()
    year, day = _number(groups, "y"), _number(groups, "d")
    if groups.get("mn"):
        months = _MONTH_LOOKUP[language]
        month = months[_month_key(groups["mn"])]
        if groups.get("mn2") and months[_month_key(groups["mn2"])] != month:
            month = 0
    else:
        month = _number(groups, "m") or 0
    if day_or_year := groups.get("dy"):
        if len(day_or_year) <= 2:
            day = int(day_or_year)
        else:
            year = int(day_or_year)
    if either_order and day is not None and month > 12 and day <= 12:
        day, month = month, day
    return WrittenDate(year, month, day)


def find_dates(text: str, language: str) -> list[Mention]:
    """Every date in ``text`` as written in ``language``, keyed by its ``WrittenDate``."""
    language = primary_language(language)
    found: list[Mention] = []
    for pattern in _PATTERNS.get(language, _YEAR_FIRST_ONLY):
        matches = [
            Mention(
                match.group(),
                _read(match, language, pattern.either_order),
                match.start(),
                match.end(),
            )
            for match in pattern.regex.finditer(text)
        ]
        # Patterns go from the most to the least complete form; each reads what earlier ones left.
        text = blank_out(text, matches)
        found.extend(matches)
    return sorted(found, key=lambda mention: mention.start)
