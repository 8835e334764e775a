"""The frame's languages: what a page around the stories shows when a language lacks its text.

The frame is everything but a story: the site's name (the home page's title), sections,
menus, index pages, topics, regions, units and authors' roles. Unlike a story, which a
reader sees only in a language it is live in (ADR 3), the frame is readable in every
language: where a language has no text of its own, it falls back in one stated order, the
reader's language, then English, then the source language (Vietnamese), so that a foreign
reader meets the language most of them read before the source's (ADR 10). Text that fell back
is marked with the language it is in (``text_in``), never passed off as the reader's.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

# The language a frame without the reader's own text falls back to first.
FALLBACK_LANGUAGE = "en"


def source_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def fallback_order(language: str) -> tuple[str, ...]:
    """The languages the frame's text is looked for in, for a reader of ``language``."""
    order = (language, FALLBACK_LANGUAGE, source_language())
    return tuple(dict.fromkeys(order))


def modeltranslation_fallback() -> dict[str, tuple[str, ...]]:
    """``fallback_order`` as modeltranslation's ``fallback_languages`` option spells it."""
    return {"default": fallback_order(FALLBACK_LANGUAGE)}


@dataclass(frozen=True)
class FrameText:
    """A frame's text and the language it is written in (the reader's, or a fallback)."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text


def text_in(instance: Any, field: str, language: str) -> FrameText:
    """``field`` of ``instance`` for a reader of ``language``, following ``fallback_order``.

    Reads the language's own columns, not the translated attribute, so the answer never
    depends on the language active when it is asked.
    """
    for code in fallback_order(language):
        text = getattr(instance, build_localized_fieldname(field, code), None)
        if text:
            return FrameText(str(text), code)
    return FrameText("", language)


def readable_languages(page: Any) -> list[str]:
    """The languages a reader may read ``page`` in, in the settings' order.

    A story only in those it is live in; any other page (the home page, a section, an index)
    in every language, its frame falling back where its text is missing.
    """
    live_languages = getattr(page, "live_languages", None)
    if callable(live_languages):
        return list(live_languages())
    return [code for code, _name in settings.LANGUAGES]
