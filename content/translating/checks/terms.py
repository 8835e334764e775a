"""Termbase rules for a translation: protected terms and set renderings per language.

The entries come from the caller; any object with ``source``, ``renderings`` and
``protected`` will do, such as a future termbase snippet.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

# Scripts that separate words with spaces and glue nothing onto them: only there does
# "whole word" mean anything. Vietnamese is Latin; Arabic attaches clitics (وال...), and
# CJK, kana and Hangul (whose particles attach) write terms inside longer runs of letters.
_WORD_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "DIGIT"})


class Term(Protocol):
    """A termbase entry as the checks read it."""

    @property
    def source(self) -> str: ...

    @property
    def renderings(self) -> Mapping[str, str]: ...

    @property
    def protected(self) -> bool: ...


@dataclass(frozen=True)
class TermRule:
    """A termbase entry: ``source`` is kept as is if ``protected``, else rendered per language."""

    source: str
    renderings: Mapping[str, str] = field(default_factory=dict)
    protected: bool = False


@dataclass(frozen=True)
class TermMiss:
    """A term the source uses and the target lacks in its required form."""

    term: Term
    required: str
    protected: bool


def _script(char: str) -> str:
    if char.isdigit():
        return "DIGIT"
    return unicodedata.name(char, "").split(" ", 1)[0] if char.isalpha() else ""


def _joins(edge: str, neighbour: str) -> bool:
    script = _script(edge)
    return script in _WORD_SCRIPTS and _script(neighbour) == script


def contains_term(text: str, term: str, *, ignore_case: bool) -> bool:
    """Whether ``text`` has ``term``, as whole words where the script has words."""
    term = " ".join(unicodedata.normalize("NFC", term).split())
    if not term:
        return False
    pattern = r"\s+".join(re.escape(word) for word in term.split())
    flags = re.IGNORECASE if ignore_case else 0
    for match in re.finditer(pattern, unicodedata.normalize("NFC", text), flags):
        before = match.string[match.start() - 1] if match.start() else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        if not (before and _joins(term[0], before)) and not (after and _joins(term[-1], after)):
            return True
    return False


def rendering_for(term: Term, language: str) -> str | None:
    """The term's rendering in ``language`` ("zh-hans" matches "zh-Hans"), if it has one."""
    wanted = language.lower()
    for code, rendering in term.renderings.items():
        if code.lower() == wanted and rendering.strip():
            return rendering
    return None


def missing_terms(
    source: str, target: str, target_language: str, terms: Iterable[Term]
) -> list[TermMiss]:
    """Terms ``source`` uses that ``target`` does not carry as the termbase requires.

    A rendering for the target language wins over protection: it is how the protected name
    is written in that language (a script of its own, say). Renderings are matched without
    regard to case, since sentences capitalize; protected terms exactly as the termbase has them.
    """
    misses = []
    for term in terms:
        if not contains_term(source, term.source, ignore_case=True):
            continue
        if rendering := rendering_for(term, target_language):
            if not contains_term(target, rendering, ignore_case=True):
                misses.append(TermMiss(term, rendering, protected=False))
        elif term.protected and not contains_term(target, term.source, ignore_case=False):
            misses.append(TermMiss(term, term.source, protected=True))
    return misses
