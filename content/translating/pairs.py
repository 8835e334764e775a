"""A translation laid beside its source, field by field and body block by body block.

The quality checks, the staleness diff and the side-by-side editor all walk an article this
way. Body blocks are matched by their id, which a translation keeps from its source.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from content.plain_text import block_parts
from content.translating.fields import blocks_by_id

# Fields whose text is checked; slugs and the like carry no facts to keep.
CHECKED_FIELDS = ("title", "standfirst", "hero_alt_text", "hero_caption", "seo_title")


def block_location(position: int, block_type: str) -> str:
    """Where a body block is, as translators and the checks name it."""
    return _("Body › block %(position)s (%(type)s)") % {"position": position, "type": block_type}


@dataclass(frozen=True)
class BlockPair:
    block_id: str
    block_type: str
    position: int  # 1-based, in the source
    source: dict | None
    target: dict | None

    @property
    def location(self) -> str:
        return block_location(self.position, self.block_type)


def block_text(block: dict | None) -> str:
    """A block's text as the checks read it: paragraphs keep their markup (links' URLs)."""
    if not block:
        return ""
    if block["type"] == "paragraph":
        return block["value"] or ""
    parts = block_parts(block["type"], block["value"], {})
    return "\n".join(part for part in parts if part)


def block_pairs(source_blocks, target_blocks) -> list[BlockPair]:
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
    from content.models import ArticlePage

    return str(ArticlePage._meta.get_field(field).verbose_name).capitalize()


def checked_pairs(source: dict, target: dict) -> list[tuple[str, str, str]]:
    """(location, source text, target text) of every checked field and body block."""
    pairs = [
        (field_label(field), source.get(field) or "", target.get(field) or "")
        for field in CHECKED_FIELDS
        if source.get(field) or target.get(field)
    ]
    for pair in block_pairs(source.get("body"), target.get("body")):
        if pair.source is not None:
            pairs.append((pair.location, block_text(pair.source), block_text(pair.target)))
    return pairs
