"""Which fields of an article are translated, read and written one language at a time.

The one source of truth for the translated fields: ``content/translation.py`` registers
``ARTICLE_FIELDS`` with modeltranslation, and the system check ``content.E003`` fails if the
workflow's fields and modeltranslation's columns ever disagree. Values are kept as JSON:
text as strings, the StreamField body as its raw blocks (a list of ``{"type", "value",
"id"}``), so drafts, approved text and revisions compare alike.

Imported by ``content.models`` while the models load: it must not import them.
"""

from typing import Any

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField

# ArticlePage's own fields with a column per language: content/translation.py registers these.
ARTICLE_FIELDS = ("standfirst", "body", "hero_alt_text", "hero_caption")

# Every translated field, in the order the side-by-side editor shows them. Title, slug, SEO
# title and search description are the Page fields wagtail-modeltranslation registers.
TRANSLATED_FIELDS = ("title", "slug", *ARTICLE_FIELDS, "seo_title", "search_description")

# wagtail-modeltranslation also gives Page a url_path per language, derived from the slugs:
# translators never write it.
DERIVED_FIELDS = frozenset({"url_path"})

BODY = "body"
# The translated fields that hold one text each: all but the body's blocks.
TEXT_FIELDS = tuple(field for field in TRANSLATED_FIELDS if field != BODY)


def column(field: str, language: str) -> str:
    """The name of ``field``'s column for ``language`` ("title_fr")."""
    return build_localized_fieldname(field, language)


def _json_value(value: Any) -> Any:
    if hasattr(value, "get_prep_value"):  # a StreamValue
        return value.get_prep_value()
    return value or ""


def read_fields(page: Any, language: str) -> dict[str, Any]:
    """The translated fields of ``page`` in ``language``, as JSON values."""
    return {
        field: _json_value(getattr(page, column(field, language))) for field in TRANSLATED_FIELDS
    }


def source_fields(page: Any) -> dict[str, Any]:
    """The article's own text, in the language it was written in."""
    return read_fields(page, page.original_language)


def write_fields(page: Any, language: str, values: dict[str, Any]) -> list[str]:
    """Set ``page``'s columns of ``language`` from ``values``; return the columns set."""
    written = []
    for field in TRANSLATED_FIELDS:
        if field in values:
            name = column(field, language)
            value = values[field]
            if isinstance(page._meta.get_field(name), StreamField):
                value = value or []
            setattr(page, name, value)
            written.append(name)
    return written


def blocks_by_id(raw_blocks: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
    """A body's raw blocks by their id (or position, for a block without one)."""
    return {block.get("id") or str(index): block for index, block in enumerate(raw_blocks or [])}
