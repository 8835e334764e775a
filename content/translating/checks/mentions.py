"""What a check finds in a text (a number, a date, a link) and where it is.

A found piece is blanked out so that no later check reads its digits again.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

# Not a space, digit or letter: no pattern can match it, nor run across it.
BLANK = "\x00"


@dataclass(frozen=True)
class Mention:
    """A piece of text as written, with the value compared across languages."""

    text: str
    key: Hashable
    start: int = -1
    end: int = -1


def blank_out(text: str, mentions: Iterable[Mention]) -> str:
    """``text`` with every mention's span replaced by blanks of the same length."""
    chars = list(text)
    for mention in mentions:
        if mention.start >= 0:
            chars[mention.start : mention.end] = BLANK * (mention.end - mention.start)
    return "".join(chars)
