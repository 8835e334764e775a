"""An article body as plain text, block by block: for search, feeds' summaries and checks."""

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText


def _text_of(block_type: str, value) -> list[str]:
    if isinstance(value, RichText):
        return [strip_tags(value.source)]
    if block_type == "pull_quote":
        return [value["quote"], value["attribution"]]
    if block_type == "fact_box":
        return [value["title"], *value["items"]]
    if block_type == "image":
        return [value["caption"]]
    if block_type == "table":
        return [cell or "" for row in (value or {}).get("data") or [] for cell in row]
    if block_type == "document":
        return [value.number, value.title] if value else []
    if block_type == "embed":
        return []
    return [str(value)]


def block_texts(body: StreamValue | None) -> list[str]:
    """The text of each block, in order; blocks without text give an empty string."""
    texts = []
    for block in body or []:
        parts = [" ".join(part.split()) for part in _text_of(block.block_type, block.value)]
        texts.append(" ".join(part for part in parts if part))
    return texts


def plain_text(body: StreamValue | None) -> str:
    return "\n".join(text for text in block_texts(body) if text)
