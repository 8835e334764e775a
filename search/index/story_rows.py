"""Stories' own columns as their documents need them: plain rows, one query per language.

Building an ``ArticlePage`` instance per story was most of a rebuild's time (a page row
carries every language's columns and Wagtail's, and each instance runs modeltranslation's and
modelcluster's set-up). A document in one language reads a few columns of its story, in that
language, and its body as stored; the rows hold those under the page's own attribute names,
so that what reads a page (``StoryUrls``, ``text_in``) reads a row alike.
"""

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model

from content.models import ArticlePage

# The story's columns that every language's document reads.
SHARED_COLUMNS = (
    "pk",
    "live_revision_id",
    "translation_key",
    "kind",
    "publication_date",
    "last_published_at",
    "embargoed_until",
    "source_name",
    "source_url",
    "hero_image_id",
    "hero_credit",
    "lead_unit_id",
    "path",
    "url_path",
)
# The translated columns a document reads in its own language only.
LANGUAGE_COLUMNS = ("title", "standfirst", "hero_alt_text", "hero_caption", "url_path")


class StoryRow(SimpleNamespace):
    """A story's columns for its document in one language, named as the page names them.

    Besides the columns: ``hero_image``, the image (renditions read with it) or None, and
    ``stored_body``, the language's body as the database stores it (JSON text, not decoded).
    """


def story_rows(published: Mapping[str, set[int]]) -> dict[str, dict[int, StoryRow]]:
    """Per language, the rows of the stories published in it, by page id.

    One query per language that has stories here, for that language's columns only, and
    one for the hero images with their renditions (a rendition asked of an image whose
    renditions were read with it needs no query of its own).
    """
    rows: dict[str, dict[int, StoryRow]] = {}
    for language, page_ids in published.items():
        if not page_ids:
            rows[language] = {}
            continue
        columns = [build_localized_fieldname(name, language) for name in LANGUAGE_COLUMNS]
        found = (
            ArticlePage.objects.rewrite(False)  # the columns as named, whatever language is active
            .filter(pk__in=page_ids)
            .values(
                *SHARED_COLUMNS,
                *columns,
                stored_body=Cast(build_localized_fieldname("body", language), TextField()),
            )
        )
        rows[language] = {row["pk"]: StoryRow(**row) for row in found}
    images = _hero_images({row.hero_image_id for found in rows.values() for row in found.values()})
    for found in rows.values():
        for row in found.values():
            row.hero_image = images.get(row.hero_image_id)
    return rows


def _hero_images(image_ids: set[Any]) -> dict[int, Any]:
    image_ids.discard(None)
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions")
    return {image.pk: image for image in images}
