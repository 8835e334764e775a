"""The translation workflow: articles carried into each language, one language at a time.

Subpackages, one job each:

- ``checks``: the quality checks of a translation against its source (numbers, dates,
  document numbers, links, addresses, terms). Pure Python: no models, no database.
- ``cat``: computer-assisted translation: segments, body diffs, translation memory, XLIFF.
- ``admin``: the translators' admin: views, forms, the queue, the bulk action and the Wagtail
  hooks (registered from ``content/wagtail_hooks.py``).

At the root, the workflow itself: ``fields`` (which fields are translated: the one list),
``workflow`` (request, draft, submit, import, approve, return), ``staleness`` (source
changes), ``permissions``, ``notifications`` and ``signals``.

Dependencies point one way: admin → workflow → cat → checks (the root's leaf modules
``fields``, ``permissions`` and ``signals`` serve all). Outside code imports from the
package surfaces: ``content.translating``, ``content.translating.checks``,
``content.translating.cat``; not from their modules.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Imported by content.models while the models load: import here nothing that needs them.
from content.translating.fields import (
    ARTICLE_FIELDS,
    TRANSLATED_FIELDS,
    column,
    read_fields,
    source_fields,
    write_fields,
)
from content.translating.signals import translation_published

if TYPE_CHECKING:
    from content.translating.notifications import notify
    from content.translating.permissions import (
        can_review,
        can_translate,
        reviewing_languages,
        translating_languages,
    )
    from content.translating.staleness import (
        SourceChange,
        changes_since_translated,
        mark_stale_translations,
    )
    from content.translating.workflow import (
        ChecksFailed,
        approve,
        audit_live_translation,
        check_translation,
        import_xliff,
        make_live,
        request_translations,
        return_for_changes,
        save_draft,
        submit,
    )

# The names below need the models, and content.models imports ``fields`` (so runs this file)
# while they load: importing them here would be an import cycle. They are imported on first
# use instead (PEP 562), which is unavoidable while the models read the translated fields.
_LAZY_MODULES = {
    "notifications": ("notify",),
    "permissions": ("can_review", "can_translate", "reviewing_languages", "translating_languages"),
    "staleness": ("SourceChange", "changes_since_translated", "mark_stale_translations"),
    "workflow": (
        "ChecksFailed",
        "approve",
        "audit_live_translation",
        "check_translation",
        "import_xliff",
        "make_live",
        "request_translations",
        "return_for_changes",
        "save_draft",
        "submit",
    ),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}

__all__ = [
    "ARTICLE_FIELDS",
    "TRANSLATED_FIELDS",
    "ChecksFailed",
    "SourceChange",
    "approve",
    "audit_live_translation",
    "can_review",
    "can_translate",
    "changes_since_translated",
    "check_translation",
    "column",
    "import_xliff",
    "make_live",
    "mark_stale_translations",
    "notify",
    "read_fields",
    "request_translations",
    "return_for_changes",
    "reviewing_languages",
    "save_draft",
    "source_fields",
    "submit",
    "translating_languages",
    "translation_published",
    "write_fields",
]


def __getattr__(name: str) -> Any:
    """The workflow's names, imported from their module on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
