"""Computer-assisted translation: segments, body diffs, translation memory and XLIFF.

An article is cut into segments (``segments``) that the side-by-side editor, the memory
(``memory``) and XLIFF files for agencies (``xliff``, ``xliff_inline``) share; ``pairs``
matches two versions of a body block by block. Nothing here changes a translation's state:
that is the workflow's (``content.translating.workflow``), which uses this package. Outside
code imports from ``content.translating.cat``.
"""

from content.translating.cat.memory import MemoryMatch, normalize, remember, suggestions
from content.translating.cat.pairs import (
    BlockPair,
    block_location,
    block_pairs,
    block_text,
    field_label,
)
from content.translating.cat.segments import (
    Segment,
    build_fields,
    checked_pairs,
    source_segments,
    target_texts,
)
from content.translating.cat.xliff import MAX_BYTES, export_xliff, read_xliff
from content.translating.cat.xliff_inline import NS, XliffError

__all__ = [
    "MAX_BYTES",
    "NS",
    "BlockPair",
    "MemoryMatch",
    "Segment",
    "XliffError",
    "block_location",
    "block_pairs",
    "block_text",
    "build_fields",
    "checked_pairs",
    "export_xliff",
    "field_label",
    "normalize",
    "read_xliff",
    "remember",
    "source_segments",
    "suggestions",
    "target_texts",
]
