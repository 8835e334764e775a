"""Templates obey the layers the import contract enforces: newsroom → search → content.

A template may extend or include templates, and load tag libraries, of its own layer or of
a layer below it (or of Django, Wagtail and other libraries), never of a layer above.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template import TemplateDoesNotExist, engines

LAYERS = ("content", "search", "newsroom")  # lowest first
TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:extends|include)\s+["']([^"']+)["']""")
TAG_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def layer_of_path(path: Path) -> str | None:
    relative = path.resolve().relative_to(settings.BASE_DIR) if _inside_repo(path) else None
    if relative is None:
        return None
    top = relative.parts[0]
    return {"content": "content", "search": "search", "site": "newsroom"}.get(top)


def layer_of_module(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS else None


def _inside_repo(path: Path) -> bool:
    base = Path(settings.BASE_DIR).resolve()
    resolved = path.resolve()
    return resolved.is_relative_to(base) and ".venv" not in resolved.parts


def project_templates():
    """(path, layer) of every template the project itself ships."""
    roots = {
        "content": Path(settings.BASE_DIR) / "content" / "templates",
        "search": Path(settings.BASE_DIR) / "search" / "templates",
        "newsroom": Path(settings.SITE_DIR) / "newsroom" / "templates",
    }
    for layer, root in roots.items():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield path, layer


def origin_of(engine, name: str) -> Path:
    """Where ``name`` comes from: the project's engine, or the form renderer's (widgets)."""
    try:
        return Path(engine.find_template(name)[1].name)
    except TemplateDoesNotExist:
        return Path(get_default_renderer().get_template(name).origin.name)


def below_or_same(used: str | None, user: str) -> bool:
    return used is None or LAYERS.index(used) <= LAYERS.index(user)


@pytest.mark.parametrize(
    ("path", "layer"),
    list(project_templates()),
    ids=lambda value: str(value).split("templates/")[-1] if isinstance(value, Path) else value,
)
def test_template_uses_only_its_layer_and_those_below(path, layer):
    engine = engines["django"].engine
    source = path.read_text(encoding="utf-8")
    upward = []
    for name in TEMPLATE_REFERENCE.findall(source):
        origin = origin_of(engine, name)
        used = layer_of_path(origin)
        if not below_or_same(used, layer):
            upward.append(f"{name} ({used})")
    for libraries in TAG_LOAD.findall(source):
        for library in libraries.split():
            if library == "from":
                break
            used = layer_of_module(engine.libraries[library])
            if not below_or_same(used, layer):
                upward.append(f"{{% load {library} %}} ({used})")
    assert not upward, f"{layer} template {path.name} reaches up to: {', '.join(upward)}"
