"""Stories' bodies as rendered for the index, kept so that a reindex renders each only once.

A row is found by a digest of everything its render read (see ``search.index.body_cache``):
the body's stored JSON, its language, the rows it refers to (pages linked, images and their
renditions, official documents) and the code that renders it. A change to any of those gives
a new digest, so a row is never out of date: at worst it is no longer used, and a full
rebuild deletes the rows it did not use.
"""

from django.db import models
from django.utils import timezone


class RenderedBody(models.Model):
    """One body's partner HTML and plain text, under the digest of what they were made from."""

    digest = models.CharField(max_length=64, primary_key=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.digest
