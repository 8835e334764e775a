"""Words typed without their marks (``thuong mai`` for ``thương mại``, ``geographique``).

The database fallback matches them against text with its marks removed by ``UNACCENT``: the
``unaccent`` extension on PostgreSQL (migration ``newsroom_search.0004``), and on SQLite, the
embedded default, a function of the same name registered on each connection, so that
Django's ``unaccent`` lookup works on both.
"""

import unicodedata
from typing import Any

# Languages whose marks readers leave out.
MARKED_LANGUAGES = frozenset({"vi", "en", "fr", "es"})
UNACCENT_VENDORS = frozenset({"postgresql", "sqlite"})
# Letters that are not a base letter and a combining mark, so that NFD does not split them.
BARRED_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def is_plain_word(term: str) -> bool:
    """Whether ``term`` is written in plain letters only, as a word typed without marks is."""
    return term.isascii() and term.isalpha()


def may_be_unmarked(language: str, query: str, vendor: str) -> bool:
    """Whether ``query`` may have words typed without their marks, and the database can tell."""
    return (
        vendor in UNACCENT_VENDORS
        and language in MARKED_LANGUAGES
        and any(map(is_plain_word, query.split()))
    )


def word_pattern(term: str, vendor: str, stem: bool) -> str:
    """A case-insensitive regex finding ``term`` as a whole word, or a word's start (``stem``)."""
    start, end = (r"\m", r"\M") if vendor == "postgresql" else (r"\b", r"\b")
    return f"{start}{term}" if stem else f"{start}{term}{end}"


def without_marks(text: str | None) -> str | None:
    """``text`` with its marks removed, as PostgreSQL's ``unaccent`` does."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", str(text).translate(BARRED_LETTERS))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def add_unaccent_to_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: give a SQLite connection the ``UNACCENT`` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, without_marks, deterministic=True)
