"""Translation memory: remember approved segments; offer exact and close matches.

Source texts are compared as normalized plain text (markup stripped, spaces collapsed,
Unicode NFC); similarity is difflib's ratio, 1.0 for the same text.
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.utils import timezone
from django.utils.html import strip_tags

from content.models import MemorySegment, Translation
from content.translating.cat.segments import Segment, source_segments, target_texts

CLOSE_ENOUGH = 0.7
MATCHES_PER_SEGMENT = 3
CANDIDATES = 2000
NOT_REMEMBERED = {"slug"}


@dataclass(frozen=True)
class MemoryMatch:
    """A remembered translation offered for a segment, with how alike its source is."""

    similarity: float
    source: str
    target: str

    @property
    def percent(self) -> int:
        return int(self.similarity * 100)


def normalize(text: str) -> str:
    """Plain text as the memory compares it: markup stripped, spaces collapsed, NFC."""
    return " ".join(unicodedata.normalize("NFC", strip_tags(text or "")).split())


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def remember(translation: Translation, source: dict[str, Any], target: dict[str, Any]) -> int:
    """Store each segment of an approved translation; return how many were stored."""
    texts = target_texts(source, target)
    stored = 0
    for segment in source_segments(source):
        text, translated = normalize(segment.source), texts.get(segment.key, "")
        if segment.key in NOT_REMEMBERED or not text or not normalize(translated):
            continue
        MemorySegment.objects.update_or_create(
            source_language=translation.page.original_language,
            target_language=translation.language,
            source_key=_key(text),
            defaults={
                "source_text": text,
                "source_length": len(text),
                "target": translated,
                "translation": translation,
                "approved_at": timezone.now(),
            },
        )
        stored += 1
    return stored


def suggestions(
    source_language: str, target_language: str, segments: list[Segment]
) -> dict[str, list[MemoryMatch]]:
    """Up to three remembered translations for each segment, best first, in two queries."""
    wanted = {
        s.key: normalize(s.source)
        for s in segments
        if s.key not in NOT_REMEMBERED and normalize(s.source)
    }
    if not wanted:
        return {}
    pair = MemorySegment.objects.filter(
        source_language=source_language, target_language=target_language
    )
    exact = {
        m.source_key: m for m in pair.filter(source_key__in=[_key(t) for t in wanted.values()])
    }
    lengths = [len(text) for text in wanted.values()]
    candidates = list(
        pair.filter(
            source_length__gte=int(min(lengths) * CLOSE_ENOUGH),
            source_length__lte=int(max(lengths) / CLOSE_ENOUGH) + 1,
        ).order_by("-approved_at")[:CANDIDATES]
    )
    found = {}
    for key, text in wanted.items():
        matches = []
        if memory := exact.get(_key(text)):
            matches.append(MemoryMatch(1.0, memory.source_text, memory.target))
        for memory in candidates:
            if memory.source_text == text:
                continue
            ratio = len(text) / max(memory.source_length, 1)
            if not CLOSE_ENOUGH <= ratio <= 1 / CLOSE_ENOUGH:
                continue
            similarity = SequenceMatcher(None, text, memory.source_text).ratio()
            if similarity >= CLOSE_ENOUGH:
                matches.append(MemoryMatch(similarity, memory.source_text, memory.target))
        if matches:
            found[key] = sorted(matches, key=lambda m: -m.similarity)[:MATCHES_PER_SEGMENT]
    return found
