"""Which languages the checks know how to read: a language without rules is checked blind."""

from content.translating.checks.dates import DATE_LANGUAGES
from content.translating.checks.numbers import NUMBER_FORMATS, primary_language


def missing_rules(language: str) -> list[str]:
    """What the checks lack to read ``language``'s numbers and dates (empty when complete)."""
    primary = primary_language(language)
    missing = []
    if primary not in NUMBER_FORMATS:
        missing.append("number format (checks/numbers.py NUMBER_FORMATS)")
    if primary not in DATE_LANGUAGES:
        missing.append("date patterns (checks/dates.py _SOURCES and MONTH_NAMES)")
    return missing
