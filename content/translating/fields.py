"""Which fields of an article are translated, read and written one language at a time.

Values are kept as JSON: text as strings, the StreamField body as its raw blocks (a list of
``{"type", "value", "id"}``), so drafts, approved text and revisions compare alike.
"""

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField

# In the order the side-by-side editor shows them.
TRANSLATED_FIELDS = (
    "title",
    "slug",
    "standfirst",
    "body",
    "hero_alt_text",
    "hero_caption",
    "seo_title",
    "search_description",
)


def column(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def _json_value(value):
    if hasattr(value, "get_prep_value"):  # a StreamValue
        return value.get_prep_value()
    return value or ""


def read_fields(page, language: str) -> dict:
    """The translated fields of ``page`` in ``language``, as JSON values."""
    return {
        field: _json_value(getattr(page, column(field, language))) for field in TRANSLATED_FIELDS
    }


def write_fields(page, language: str, values: dict) -> list[str]:
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


def blocks_by_id(raw_blocks) -> dict:
    return {block.get("id") or str(index): block for index, block in enumerate(raw_blocks or [])}
