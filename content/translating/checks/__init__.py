"""Quality checks of a translation against its source: pure Python, no models, no database.

Numbers, dates, official-document numbers, links, email addresses and termbase entries of
the source must all be in the target (see ``qa``). Outside code imports from
``content.translating.checks``, not from its modules. Nothing here may import Django's models
or database, ``content.models`` or ``wagtail.models`` (import-linter enforces it): only
``django.utils.translation`` for the messages.
"""

from content.translating.checks.coverage import missing_rules
from content.translating.checks.numbers import read_numbers
from content.translating.checks.qa import (
    Check,
    FieldPair,
    Finding,
    Term,
    TermRule,
    TextFacts,
    check_fields,
    check_text,
    read_facts,
)

__all__ = [
    "Check",
    "FieldPair",
    "Finding",
    "Term",
    "TermRule",
    "TextFacts",
    "check_fields",
    "check_text",
    "missing_rules",
    "read_facts",
    "read_numbers",
]
