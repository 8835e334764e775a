"""The translation memory: approved translations of segments, per language pair.

Each approval stores, for every segment of the source, the text the reviewer approved; the
side-by-side editor then offers them for the same or similar source segments elsewhere.
"""

from django.conf import settings
from django.db import models


class MemorySegment(models.Model):
    """An approved segment and its translation, offered again to translators."""

    source_language = models.CharField(max_length=16, choices=settings.LANGUAGES)
    target_language = models.CharField(max_length=16, choices=settings.LANGUAGES)
    source_key = models.CharField(max_length=64)  # digest of the normalized source text
    source_text = models.TextField()  # normalized plain text, compared for similarity
    source_length = models.PositiveIntegerField()
    target = models.TextField()  # as approved: HTML for paragraphs
    translation = models.ForeignKey(
        "content.Translation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_key"],
                name="one_memory_per_source_text",
            )
        ]
        indexes = [
            models.Index(fields=["source_language", "target_language", "source_length"]),
        ]

    def __str__(self):
        return f"{self.source_language}→{self.target_language}: {self.source_text[:60]}"
