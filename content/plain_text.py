"""An article body as plain text, block by block: for search, feeds' summaries and checks.

It reads the stream's raw data (what the database stores) rather than block values, so
that indexing thousands of stories does not build every block's Python value.
"""

from collections.abc import Mapping, Sequence

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue

# Official documents cited in bodies: id -> (number, title in the text's language).
DocumentTexts = Mapping[int, tuple[str, str]]


def block_parts(block_type: str, value, documents: DocumentTexts) -> list[str]:
    """The texts in one block of the given type (raw value), in reading order."""
    if block_type == "paragraph":
        return [strip_tags(value or "")]
    if block_type == "pull_quote":
        return [value.get("quote", ""), value.get("attribution", "")]
    if block_type == "fact_box":
        items = [item["value"] if isinstance(item, dict) else item for item in value["items"]]
        return [value.get("title", ""), *items]
    if block_type == "image":
        return [value.get("caption", "")]
    if block_type == "table":
        return [cell or "" for row in (value or {}).get("data") or [] for cell in row]
    if block_type == "document":
        return list(documents.get(value, ()))
    if block_type == "embed":
        return []
    return [str(value or "")]


def raw_blocks(body: StreamValue | Sequence | None) -> list[dict]:
    if body is None:
        return []
    return list(body.raw_data) if isinstance(body, StreamValue) else list(body)


def block_texts(body, documents: DocumentTexts | None = None) -> list[str]:
    """The text of each block, in order; blocks without text give an empty string."""
    texts = []
    for block in raw_blocks(body):
        parts = block_parts(block["type"], block["value"], documents or {})
        texts.append(" ".join(" ".join(part.split()) for part in parts if part))
    return texts


def plain_text(body, documents: DocumentTexts | None = None) -> str:
    return "\n".join(text for text in block_texts(body, documents) if text)


def cited_document_ids(body) -> set[int]:
    return {block["value"] for block in raw_blocks(body) if block["type"] == "document"}
