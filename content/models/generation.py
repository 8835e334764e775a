"""A number that changes whenever what readers see may have changed.

Caches of what pages show (a URL path's page, the site's menu, an article's text) put it in
their keys, so that a change is never served stale: the next request reads the new number
and misses. It lives in the database, not in the cache, and is advanced in the transaction
of the change itself, so that a cache that was away while a story was published cannot
come back with the old number and its old entries.
"""

from django.db import models
from django.db.models import F


class ReaderGeneration(models.Model):
    """The one row holding the number."""

    number = models.PositiveBigIntegerField(default=0)

    ROW = 1

    class Meta:
        verbose_name = "reader generation"

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls) -> int:
        """The number now (0 before the first change)."""
        return cls.objects.filter(pk=cls.ROW).values_list("number", flat=True).first() or 0

    @classmethod
    def advance(cls) -> None:
        """Something readers see changed: every cache keyed on the number misses from now on."""
        if not cls.objects.filter(pk=cls.ROW).update(number=F("number") + 1):
            cls.objects.get_or_create(pk=cls.ROW, defaults={"number": 1})
