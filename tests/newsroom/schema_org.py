"""A small schema.org validator for the types the site publishes as JSON-LD.

Each type lists its properties with the schema.org types their values may take (from the
type's page on schema.org) and which of them the site must always give: Google's required
and recommended properties for articles, breadcrumbs, sitelinks search and fact checks. A node
that names ``@id`` only refers to another node of the graph, which is checked where it is; a
nested node with an ``@id`` of its own describes what it refers to (another language's
article), and only the properties it gives are checked.
"""

from datetime import datetime

Expected = dict[str, tuple[str, ...]]

# type -> (properties and the types their values may take, properties that must be there)
TYPES: dict[str, tuple[Expected, set[str]]] = {
    "Organization": (
        {"name": ("Text",), "url": ("URL",), "logo": ("ImageObject", "URL")},
        {"name", "url", "logo"},
    ),
    "ImageObject": (
        {
            "url": ("URL",),
            "width": ("Integer",),
            "height": ("Integer",),
            "caption": ("Text",),
        },
        {"url"},
    ),
    "Person": ({"name": ("Text",), "jobTitle": ("Text",)}, {"name"}),
    "WebSite": (
        {
            "url": ("URL",),
            "name": ("Text",),
            "inLanguage": ("Text",),
            "publisher": ("Organization",),
            "potentialAction": ("SearchAction",),
        },
        {"url", "name", "inLanguage", "potentialAction"},
    ),
    "SearchAction": (
        {"target": ("EntryPoint",), "query-input": ("Text",)},
        {"target", "query-input"},
    ),
    "EntryPoint": ({"urlTemplate": ("Text",)}, {"urlTemplate"}),
    "BreadcrumbList": ({"itemListElement": ("ListItem",)}, {"itemListElement"}),
    "ListItem": (
        {"position": ("Integer",), "name": ("Text",), "item": ("URL",)},
        {"position", "name", "item"},
    ),
    "NewsArticle": (
        {
            "url": ("URL",),
            "mainEntityOfPage": ("URL", "WebPage"),
            "headline": ("Text",),
            "description": ("Text",),
            "inLanguage": ("Text",),
            "datePublished": ("DateTime",),
            "dateModified": ("DateTime",),
            "author": ("Person", "Organization"),
            "publisher": ("Organization",),
            "image": ("ImageObject", "URL"),
            "articleSection": ("Text",),
            "workTranslation": ("NewsArticle", "CreativeWork"),
            "translationOfWork": ("NewsArticle", "CreativeWork"),
        },
        {"headline", "inLanguage", "datePublished", "dateModified", "author", "publisher", "url"},
    ),
    "ClaimReview": (
        {
            "url": ("URL",),
            "inLanguage": ("Text",),
            "datePublished": ("DateTime",),
            "claimReviewed": ("Text",),
            "itemReviewed": ("Claim",),
            "author": ("Organization", "Person"),
            "reviewRating": ("Rating",),
            "subjectOf": ("CreativeWork", "NewsArticle"),
        },
        {"url", "claimReviewed", "author", "reviewRating", "datePublished"},
    ),
    "Claim": ({"description": ("Text",), "author": ("Organization", "Person")}, set()),
    "Rating": (
        {
            "ratingValue": ("Number",),
            "bestRating": ("Number",),
            "worstRating": ("Number",),
            "alternateName": ("Text",),
        },
        {"ratingValue", "bestRating", "worstRating", "alternateName"},
    ),
}
# Types a value may have because it is a subtype of the one expected.
SUBTYPES = {"CreativeWork": {"NewsArticle", "ClaimReview", "WebSite", "Claim"}}


def is_literal(value, expected: str) -> bool:
    if expected == "Text":
        return isinstance(value, str) and value.strip() != ""
    if expected == "URL":
        return isinstance(value, str) and value.startswith(("http://", "https://"))
    if expected == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "DateTime":
        try:
            return datetime.fromisoformat(value).tzinfo is not None
        except (TypeError, ValueError):
            return False
    return False


def fits(value, expected: tuple[str, ...], nodes_by_id: dict) -> bool:
    if isinstance(value, dict):
        node_type = value.get("@type") or nodes_by_id.get(value.get("@id"), {}).get("@type")
        return any(node_type == name or node_type in SUBTYPES.get(name, ()) for name in expected)
    return any(is_literal(value, name) for name in expected)


def validate(
    node: dict, nodes_by_id: dict | None = None, where: str = "", reference: bool = False
) -> list[str]:
    """What is wrong with ``node`` and the nodes inside it; an empty list when nothing is."""
    nodes_by_id = nodes_by_id or {}
    where = where or node.get("@type", "?")
    if set(node) == {"@id"}:
        return [] if node["@id"] in nodes_by_id else [f"{where}: @id {node['@id']} is nowhere"]
    node_type = node.get("@type")
    if node_type not in TYPES:
        return [f"{where}: unknown type {node_type!r}"]
    properties, required = TYPES[node_type]
    missing = set() if reference else required - set(node)
    errors = [f"{where}: missing {name}" for name in sorted(missing)]
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            errors.append(f"{where}: {node_type} has no property {name}")
            continue
        for item in value if isinstance(value, list) else [value]:
            if not fits(item, properties[name], nodes_by_id):
                errors.append(f"{where}.{name}: {item!r} is not {' or '.join(properties[name])}")
            elif isinstance(item, dict) and "@type" in item:
                errors.extend(validate(item, nodes_by_id, f"{where}.{name}", "@id" in item))
    return errors


def validate_graph(document: dict) -> list[str]:
    """Errors of a JSON-LD document holding a schema.org ``@graph``."""
    if document.get("@context") != "https://schema.org":
        return [f"@context is {document.get('@context')!r}"]
    nodes = document["@graph"]
    by_id = {node["@id"]: node for node in nodes if "@id" in node}
    return [error for node in nodes for error in validate(node, by_id)]
