"""The data protection statement's facts, read from reach's own models: what it says is stored.

Every model whose rows reach keeps is listed with the fields it holds, so a field added to a
model appears on the readers' page at once; a test holds the list to the app's models.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from reach.buffer import KEPT_SECONDS
from reach.sources import BEACONS_PER_MINUTE

# Bookkeeping, not counts of anything readers do.
NOT_ABOUT_READERS = {"FoldedWindow", "PartnerSite"}


@dataclass(frozen=True)
class StoredCount:
    """One table of counts, named as readers would, with the fields it holds."""

    name: str
    fields: list[str]


def stored_counts() -> list[StoredCount]:
    """What reach keeps about reading, searching and pulling feeds: each table and its fields."""
    return [
        StoredCount(
            name=str(model._meta.verbose_name_plural),
            fields=[
                str(field.verbose_name)
                for field in model._meta.get_fields()
                if isinstance(field, models.Field) and not field.primary_key
            ],
        )
        for model in apps.get_app_config("reach").get_models()
        if model.__name__ not in NOT_ABOUT_READERS
    ]


def buffer_hours() -> int:
    return KEPT_SECONDS // 3600


def beacons_per_minute() -> int:
    return BEACONS_PER_MINUTE
