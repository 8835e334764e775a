"""Stories' bodies rendered for the index once per distinct input, and kept in the database.

Rendering a body's partner HTML is most of the cost of building its document, and a reindex
would otherwise render every body again although few changed. Each render is kept
(``search.models.RenderedBody``) under a digest of everything it read:

- the body as stored (its JSON) and the language it is rendered in;
- the rows its blocks refer to: pages linked from its text (and the sites, which make their
  URLs), images and every rendition of them, official documents, and documents linked;
- the code that renders it: the block templates, the Python modules they use, the language
  catalogs and date formats, the versions of Django and Wagtail, ``MEDIA_URL``, the time
  zone and ``RENDER_VERSION``.

A change to any of those gives a new digest, so a kept render is never stale: it is simply
no longer found. The digest of a new render is taken after it, so the renditions it created
are part of it. A body with anything the digest cannot cover (a media embed in its text, a
link type or block type unknown here) is rendered every time and not kept.
"""

import hashlib
import importlib.util
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any, cast

import django
import wagtail
from django.conf import settings
from django.db.models import Model
from django.template.loader import get_template
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from content.models import ArticlePage, OfficialDocument
from content.plain_text import DocumentTexts, plain_text
from search.index.body_html import partner_body_html
from search.index.mapping import languages
from search.models import RenderedBody

# Bump when the render changes in a way the fingerprint below does not see.
RENDER_VERSION = 1
# Templates a body's render goes through, and the modules whose code it runs.
RENDER_TEMPLATES = (
    "content/blocks/paragraph.html",
    "content/blocks/heading.html",
    "content/blocks/image_with_caption.html",
    "content/blocks/pull_quote.html",
    "content/blocks/fact_box.html",
    "content/blocks/table.html",
    "content/blocks/embed.html",
    "content/blocks/official_document.html",
    "content/includes/official_document.html",
)
RENDER_MODULES = (
    "content.blocks",
    "content.bidi",
    "content.templatetags.bidi_tags",
    "content.plain_text",
    "search.index.body_html",
)
# Blocks whose raw value refers to no row, and those that refer to one (handled below).
PLAIN_BLOCKS = frozenset({"heading", "pull_quote", "fact_box", "table", "embed"})
# A kept render used within this long is not marked used again (that would be a write per hit).
USED_AT_RESOLUTION = timedelta(hours=1)
# The rendition content/blocks/image_with_caption.html gives partners: a render whose images
# have none (their file is lost) is not kept, so that it is made again once they have.
BODY_IMAGE_SPEC = "width-1200"
# What of a linked page its URL is made of.
PAGE_URL_FIELDS = ("path", "depth", "url_path", "content_type_id", "live", "locale_id")


def _template_file(name: str) -> str:
    return str(cast(Any, get_template(name)).origin.name)


def _module_file(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise LookupError(f"no source for {name}")
    return spec.origin


def _format_module_files() -> list[Path]:
    """The project's date and number formats per language (``FORMAT_MODULE_PATH``)."""
    paths = getattr(settings, "FORMAT_MODULE_PATH", None) or []
    found: list[Path] = []
    for name in [paths] if isinstance(paths, str) else paths:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            found += sorted(Path(folder).rglob("*.py"))
    return found


@cache
def code_fingerprint() -> str:
    """A digest of the code and settings a render depends on, taken once per process."""
    digest = hashlib.sha256()
    for part in (
        RENDER_VERSION,
        django.__version__,
        wagtail.__version__,
        settings.MEDIA_URL,
        settings.TIME_ZONE,
    ):
        digest.update(f"{part}\0".encode())
    files = [Path(_template_file(name)) for name in RENDER_TEMPLATES]
    files += [Path(_module_file(name)) for name in RENDER_MODULES]
    for locale_path in settings.LOCALE_PATHS:
        files += sorted(Path(locale_path).glob("*/LC_MESSAGES/*.mo"))
    files += _format_module_files()
    for path in files:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class References:
    """The rows a body's render reads, by kind; ``cacheable`` is False if it reads others."""

    pages: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)  # official documents
    files: set[int] = field(default_factory=set)  # Wagtail documents linked from text
    cacheable: bool = True

    def add(self, other: "References") -> None:
        self.pages |= other.pages
        self.images |= other.images
        self.documents |= other.documents
        self.files |= other.files


def _as_id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def references(body: Sequence[dict[str, Any]]) -> References:
    """What ``body`` (its raw blocks, as stored) refers to."""
    found = References()
    for block in body:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            _text_references(value or "", found)
        elif kind == "image":
            image = _as_id((value or {}).get("image"))
            if image is not None:
                found.images.add(image)
        elif kind == "document":
            document = _as_id(value)
            if document is not None:
                found.documents.add(document)
        elif kind not in PLAIN_BLOCKS:
            found.cacheable = False
    return found


def _text_references(html: str, found: References) -> None:
    if FIND_EMBED_TAG.search(html):
        found.cacheable = False  # embeds in text (images, media) are not followed here
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        link_type = attrs.get("linktype")
        if link_type is None:
            continue  # an external, mail or anchor link: plain href
        target = _as_id(attrs.get("id"))
        if link_type == "page" and target is not None:
            found.pages.add(target)
        elif link_type == "document" and target is not None:
            found.files.add(target)
        else:
            found.cacheable = False


def _rows(model: type[Model], ids: Iterable[int], *fields: str) -> dict[int, list[Any]]:
    """Each row's listed fields (all of them by default), by primary key, as plain values."""
    names = fields or tuple(f.attname for f in model._meta.concrete_fields)
    rows = model._default_manager.filter(pk__in=set(ids)).values_list("pk", *names)
    return {row[0]: list(row[1:]) for row in rows}


@dataclass
class Dependencies:
    """The rows many bodies refer to, read in a few queries."""

    pages: dict[int, list[Any]]
    images: dict[int, list[Any]]
    documents: dict[int, list[Any]]
    files: dict[int, list[Any]]
    sites: list[Any]

    @classmethod
    def load(cls, refs: References) -> "Dependencies":
        url_paths = [build_localized_fieldname("url_path", code) for code in languages()]
        images = _rows(get_image_model(), refs.images)
        renditions: dict[int, list[Any]] = defaultdict(list)
        rendition_model = get_image_model().get_rendition_model()
        for row in (
            rendition_model.objects.filter(image_id__in=images)
            .order_by("image_id", "filter_spec", "focal_point_key")
            .values_list("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
        ):
            renditions[row[0]].append(list(row[1:]))
        sites = (
            list(
                Site.objects.order_by("pk").values_list(
                    "pk",
                    "hostname",
                    "port",
                    "is_default_site",
                    "root_page_id",
                    *(f"root_page__{name}" for name in ("path", "url_path", *url_paths)),
                )
            )
            if refs.pages
            else []
        )
        return cls(
            pages=_rows(Page, refs.pages, *PAGE_URL_FIELDS, *url_paths),
            images={pk: [row, renditions[pk]] for pk, row in images.items()},
            documents=_rows(OfficialDocument, refs.documents),
            files=_rows(get_document_model(), refs.files),
            sites=sites,
        )

    def has_rendition(self, image: int) -> bool:
        """Whether the image exists with the rendition a body shows."""
        found = self.images.get(image)
        return found is not None and any(r[0] == BODY_IMAGE_SPEC for r in found[1])

    def of(self, refs: References) -> list[Any]:
        """The rows ``refs`` names, in a fixed order; a missing row counts as None."""
        return [
            [[pk, self.pages.get(pk)] for pk in sorted(refs.pages)],
            self.sites if refs.pages else [],
            [[pk, self.images.get(pk)] for pk in sorted(refs.images)],
            [[pk, self.documents.get(pk)] for pk in sorted(refs.documents)],
            [[pk, self.files.get(pk)] for pk in sorted(refs.files)],
        ]


def _digest(stored: str, language: str, rows: list[Any]) -> str:
    digest = hashlib.sha256(f"{code_fingerprint()}\0{language}\0".encode())
    digest.update(stored.encode())
    digest.update(json.dumps(rows, default=str, separators=(",", ":")).encode())
    return digest.hexdigest()


@dataclass
class Rendered:
    """Bodies by page id and language: plain text to search, HTML for partners."""

    texts: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    html: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))


def render_bodies(
    stored: Mapping[tuple[int, str], tuple[str, list[Any]]], cited: Mapping[str, DocumentTexts]
) -> Rendered:
    """Each stored body as plain text and HTML, by page id and language.

    ``stored`` holds each body's JSON as the database gives it, and its blocks parsed.

    ``cited`` gives, per language, the number and title of each official document the bodies
    cite, for their plain text. Renders kept from before are used when their digest matches;
    the others are rendered, and kept.
    """
    bodies = {key: raw for key, (_text, raw) in stored.items()}
    refs = {key: references(body) for key, body in bodies.items()}
    wanted = References()
    for found in refs.values():
        wanted.add(found)
    dependencies = Dependencies.load(wanted)
    digests = {
        key: _digest(stored[key][0], key[1], dependencies.of(found))
        for key, found in refs.items()
        if found.cacheable and bodies[key]
    }
    kept = {
        digest: (html, text)
        for digest, html, text in RenderedBody.objects.filter(
            digest__in=set(digests.values())
        ).values_list("digest", "html", "text")
    }
    result = Rendered()
    rendered: list[tuple[int, str]] = []
    stream_block = ArticlePage._meta.get_field("body").stream_block
    for (page_id, language), body in bodies.items():
        hit = kept.get(digests.get((page_id, language), ""))
        if hit is None:
            html = partner_body_html(stream_block, body, language)
            text = plain_text(body, cited.get(language, {}))
            if (page_id, language) in digests:
                rendered.append((page_id, language))
        else:
            html, text = hit
        result.html[page_id][language] = html
        result.texts[page_id][language] = text
    _mark_used(set(kept) & set(digests.values()))
    _keep(rendered, stored, refs, result)
    return result


def _mark_used(digests: set[str]) -> None:
    if digests:
        now = timezone.now()
        RenderedBody.objects.filter(
            digest__in=digests, used_at__lt=now - USED_AT_RESOLUTION
        ).update(used_at=now)


def _keep(
    rendered: list[tuple[int, str]],
    stored: Mapping[tuple[int, str], tuple[str, list[Any]]],
    refs: Mapping[tuple[int, str], References],
    result: Rendered,
) -> None:
    """Keep new renders under the digest of what they read, read again after rendering."""
    if not rendered:
        return
    wanted = References()
    for key in rendered:
        wanted.add(refs[key])
    dependencies = Dependencies.load(wanted)  # a render may have made renditions
    rows = {
        _digest(stored[key][0], key[1], dependencies.of(refs[key])): RenderedBody(
            html=result.html[key[0]][key[1]], text=result.texts[key[0]][key[1]]
        )
        for key in rendered
        if all(dependencies.has_rendition(image) for image in refs[key].images)
    }
    for digest, row in rows.items():
        row.digest = digest
    RenderedBody.objects.bulk_create(rows.values(), ignore_conflicts=True)


def forget_unused(since: Any) -> int:
    """Delete kept renders not used since ``since`` (less the marking's resolution)."""
    deleted, _by_model = RenderedBody.objects.filter(
        used_at__lt=since - USED_AT_RESOLUTION
    ).delete()
    return deleted


def forget_rendered_bodies() -> None:
    """Delete every kept render: the next builds render every body again."""
    RenderedBody.objects.all().delete()
