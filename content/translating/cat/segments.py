"""An article cut into segments: its text fields and every text inside each body block.

The side-by-side editor shows one segment of the source beside one of the target; a
translated body is rebuilt from the source's blocks with the segments' texts put in, so the
translation always has the source's blocks, in its order, with its ids, images and documents.
"""

import copy
from dataclasses import dataclass
from typing import Any

from content.translating.cat.pairs import block_location, field_label
from content.translating.fields import TEXT_FIELDS

LONG_FIELDS = {"standfirst", "search_description"}

# The texts inside each kind of block, as paths into its raw value ("" is the value itself).
BLOCK_TEXTS = {
    "paragraph": ("",),
    "heading": ("",),
    "image": ("alt_text", "caption"),
    "pull_quote": ("quote", "attribution"),
    "fact_box": ("title",),  # and each item: see _paths
}


@dataclass(frozen=True)
class Segment:
    """One text of the source: a text field, or one text inside a body block."""

    key: str
    label: str
    source: str
    rich: bool = False  # HTML from the rich text editor
    long: bool = False
    location: str = ""  # the field or body block it is in, as the checks report it


def _item_text(item) -> str:
    return item["value"] if isinstance(item, dict) else item


def _paths(block: dict) -> list[str]:
    kind, value = block["type"], block["value"]
    paths = list(BLOCK_TEXTS.get(kind, ()))
    if kind == "fact_box":
        paths += [f"items.{index}" for index in range(len(value.get("items") or []))]
    if kind == "table":
        paths += [
            f"data.{row}.{column}"
            for row, cells in enumerate((value or {}).get("data") or [])
            for column, _cell in enumerate(cells)
        ]
    return paths


def _get(value, path: str):
    if not path:
        return value
    for part in path.split("."):
        if value is None:
            return ""
        value = value[int(part)] if part.isdigit() else value.get(part)
    return _item_text(value) if isinstance(value, dict) else value


def _set(value, path: str, text: str):
    if not path:
        return text
    *parents, last = path.split(".")
    target = value
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if last.isdigit():
        index = int(last)
        if isinstance(target[index], dict):
            target[index]["value"] = text
        else:
            target[index] = text
    else:
        target[last] = text
    return value


def block_key(block_id: str, path: str) -> str:
    """A body text's segment key: "body.<block id>" and its path inside the block."""
    return f"body.{block_id}" + (f".{path}" if path else "")


def source_segments(source: dict[str, Any]) -> list[Segment]:
    """Every segment of the source, in reading order, skipping empty optional fields."""
    segments = [
        Segment(
            field,
            field_label(field),
            source.get(field) or "",
            long=field in LONG_FIELDS,
            location=field_label(field),
        )
        for field in TEXT_FIELDS
        # The slug is made from the title when the translation goes live (content.slugs).
        if field != "slug" and (source.get(field) or field in ("title", "standfirst"))
    ]
    for position, block in enumerate(source.get("body") or [], start=1):
        for path in _paths(block):
            text = _get(block["value"], path) or ""
            if not text and path:
                continue
            location = block_location(position, block["type"])
            label = location
            if path:
                label += f" › {path.replace('.', ' ')}"
            segments.append(
                Segment(
                    block_key(block.get("id", str(position)), path),
                    label,
                    text,
                    rich=block["type"] == "paragraph",
                    long=block["type"] in ("paragraph", "pull_quote") and path in ("", "quote"),
                    location=location,
                )
            )
    return segments


def target_texts(source: dict[str, Any], target: dict[str, Any]) -> dict[str, str]:
    """The target's text for each of the source's segments ("" where it has none yet)."""
    texts = {field: target.get(field) or "" for field in TEXT_FIELDS}
    targets = {block.get("id"): block for block in target.get("body") or []}
    for position, block in enumerate(source.get("body") or [], start=1):
        block_id = block.get("id", str(position))
        translated: Any = targets.get(block_id)
        same_kind = translated is not None and translated["type"] == block["type"]
        for path in _paths(block):
            text = _get(translated["value"], path) if same_kind else ""
            texts[block_key(block_id, path)] = text or ""
    return texts


def build_fields(source: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """The target's fields: its text fields, and the source's blocks with the texts put in."""
    fields: dict[str, Any] = {field: texts.get(field, "") for field in TEXT_FIELDS}
    body = []
    for position, block in enumerate(source.get("body") or [], start=1):
        block_id = block.get("id", str(position))
        translated = copy.deepcopy(block)
        for path in _paths(block):
            key = block_key(block_id, path)
            if key in texts:
                translated["value"] = _set(translated["value"], path, texts[key])
        body.append(translated)
    fields["body"] = body
    return fields


UNCHECKED = {"slug"}  # carries no facts a translation must keep


def checked_pairs(source: dict[str, Any], target: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(location, source text, target text) of every segment the checks compare.

    A block's several texts share its location, where the checks gather their findings.
    """
    texts = target_texts(source, target)
    return [
        (segment.location, segment.source, texts[segment.key])
        for segment in source_segments(source)
        if segment.key not in UNCHECKED
    ]
