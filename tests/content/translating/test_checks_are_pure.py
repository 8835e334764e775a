"""The translation checks are pure Python: they read text, never the database.

import-linter (``make lint``) forbids the project's models and Wagtail; it sees Django only
whole, so this test looks for the parts of Django that touch models or the database.
"""

import ast
from pathlib import Path

import content.translating.checks

FORBIDDEN = ("django.db", "django.apps", "django.contrib", "django.core.cache")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_no_translation_check_imports_models_or_the_database():
    package = Path(content.translating.checks.__file__).parent
    offending = [
        f"{path.name}: {module}"
        for path in sorted(package.glob("*.py"))
        for module in imported_modules(path)
        if module.startswith(FORBIDDEN)
    ]
    assert offending == []
