"""Left-to-right runs isolated inside right-to-left text, so that they keep their own order.

In an Arabic paragraph the Unicode bidirectional algorithm reorders what it finds around
neutral characters: "41/2025/TT-BCT" shows as "TT-BCT/41/2025", and a Vietnamese sentence
gets its full stop at the wrong end. Wrapping each official-document number, URL, number and
run of Latin-script words in ``<bdi dir="ltr">`` keeps it whole and in reading order; a text
with no right-to-left letter at all (a Vietnamese name, a quotation left untranslated) is
isolated whole, its punctuation with it.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from content.document_numbers import NUMBERING_RULES

LATIN = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F"
# An entity of escaped text (``&amp;``, ``&#x27;``) joins words as the character would.
ENTITY = r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);"
WORD = rf"[{LATIN}0-9]+(?:(?:[-/.,:’'+_@]|{ENTITY})[{LATIN}0-9]+)*%?"
# Words stay one run across spaces, a comma, a dash or an ampersand between them.
JOIN = rf"(?:[,;:]?[ \u00A0]+|[ \u00A0]*(?:[-–—]|{ENTITY})[ \u00A0]*)"
URL = r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]]"


def _document_numbers() -> str:
    """Every numbering rule's pattern, unanchored, as one alternation."""
    patterns = (
        pattern.pattern.removeprefix("^").removesuffix("$").replace("(?P<year>", "(?:")
        for rule in NUMBERING_RULES.values()
        for pattern in rule.patterns
    )
    return "|".join(f"(?:{pattern})" for pattern in patterns)


LEFT_TO_RIGHT_RUN = re.compile(
    rf"{URL}|(?:{_document_numbers()})(?![{LATIN}0-9])|{WORD}(?:{JOIN}{WORD})*"
)
RIGHT_TO_LEFT_LETTER = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
LEFT_TO_RIGHT_LETTER = re.compile(rf"[{LATIN}]")
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
# Inside these the text is already isolated, or is not prose.
UNTOUCHED = {"bdi", "code", "pre", "script", "style", "kbd", "samp"}


def _isolated(text: str) -> str:
    return f'<bdi dir="ltr">{text}</bdi>'


def isolate_text(text: str) -> str:
    """Escaped text (no tags) with its left-to-right runs isolated."""
    if LEFT_TO_RIGHT_LETTER.search(text) and not RIGHT_TO_LEFT_LETTER.search(text):
        stripped = text.strip()
        start = text.index(stripped[0])
        return text[:start] + _isolated(stripped) + text[start + len(stripped) :]
    return LEFT_TO_RIGHT_RUN.sub(lambda match: _isolated(match.group()), text)


def isolate_left_to_right_runs(html: str) -> SafeString:
    """``html`` (trusted markup, such as rich text) with the runs of each text node isolated.

    Tags and their attributes are left as they are; so is the text of ``<bdi>``, ``<code>``
    and the like.
    """
    parts = []
    untouched_depth = 0
    for part in TAG.split(html):
        if part.startswith("<"):
            parts.append(part)
            if (name := TAG_NAME.match(part)) and name.group(2).lower() in UNTOUCHED:
                closing = name.group(1) == "/"
                untouched_depth = max(0, untouched_depth + (-1 if closing else 1))
        elif part and not untouched_depth:
            parts.append(isolate_text(part))
        else:
            parts.append(part)
    return mark_safe("".join(parts))  # noqa: S308 -- only bdi tags added to trusted markup


def isolate(value) -> SafeString:
    """Plain text (escaped here) or markup (safe, or rich text), with its runs isolated."""
    html = value.__html__() if hasattr(value, "__html__") else escape(value)
    return isolate_left_to_right_runs(html)
