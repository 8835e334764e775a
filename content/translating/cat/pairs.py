"""Two versions of an article's body side by side, and the names of places in an article.

The staleness diff walks bodies this way. Body blocks are matched by their id, which a
translation keeps from its source.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from content.models import ArticlePage
from content.plain_text import block_parts
from content.translating.fields import blocks_by_id


def block_location(position: int, block_type: str) -> str:
    """Where a body block is, as translators and the checks name it."""
    return _("Body › block %(position)s (%(type)s)") % {"position": position, "type": block_type}


@dataclass(frozen=True)
class BlockPair:
    """A source block and the target block of the same id; either is None if it has none."""

    block_id: str
    block_type: str
    position: int  # 1-based, in the source
    source: dict[str, Any] | None
    target: dict[str, Any] | None

    @property
    def location(self) -> str:
        return block_location(self.position, self.block_type)


def block_text(block: dict[str, Any] | None) -> str:
    """A block's text as the diff shows it: paragraphs keep their markup (links' URLs)."""
    if not block:
        return ""
    if block["type"] == "paragraph":
        return block["value"] or ""
    parts = block_parts(block["type"], block["value"], {})
    return "\n".join(part for part in parts if part)


def block_pairs(
    source_blocks: list[dict[str, Any]] | None, target_blocks: list[dict[str, Any]] | None
) -> list[BlockPair]:
    """Each source block beside the target block of the same id; target-only blocks last."""
    targets = blocks_by_id(target_blocks)
    pairs = []
    for position, (block_id, block) in enumerate(blocks_by_id(source_blocks).items(), start=1):
        pairs.append(
            BlockPair(block_id, block["type"], position, block, targets.pop(block_id, None))
        )
    for block_id, block in targets.items():
        pairs.append(BlockPair(block_id, block["type"], 0, None, block))
    return pairs


def field_label(field: str) -> str:
    """A translated field's name, as translators and the checks see it ("Standfirst")."""
    return str(ArticlePage._meta.get_field(field).verbose_name).capitalize()
