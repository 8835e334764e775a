"""ninjs for news agencies, checked against the ninjs 2.1 specification's rules.

The rules below restate, for the properties we emit, what the IPTC schema requires: ``uri``
present and absolute, no property the standard does not define, the types and enumerations
of each, date-times in RFC 3339, and the required members of nested objects.
"""

from datetime import datetime
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.django_db

TEXT_BLOCK = {"role": str, "contenttype": str, "value": str}
ENTITY = {"name": str, "rel": str, "uri": str, "literal": str}
RULES = {
    "uri": str,
    "standard": {"name": str, "version": str, "schema": str},
    "type": {"text", "audio", "video", "picture", "graphic", "composite", "component"},
    "representationtype": {"full", "partial"},
    "version": str,
    "firstcreated": "date-time",
    "versioncreated": "date-time",
    "contentcreated": "date-time",
    "embargoed": "date-time",
    "pubstatus": {"usable", "withheld", "canceled"},
    "language": str,
    "headlines": [TEXT_BLOCK],
    "descriptions": [TEXT_BLOCK],
    "bodies": [{**TEXT_BLOCK, "charcount": int, "wordcount": int}],
    "by": str,
    "ednote": str,
    "copyrightnotice": str,
    "subjects": [ENTITY],
    "places": [ENTITY],
    "organisations": [ENTITY],
    "objects": [ENTITY],
    "genres": [{"name": str, "uri": str, "literal": str}],
    "infosources": [{"name": str, "role": str, "uri": str, "literal": str}],
    "altids": [{"role": str, "value": str}],
    "associations": list,
}
REQUIRED_IN = {"headlines": {"value"}, "descriptions": {"value"}, "bodies": {"value"}}
RENDITION = {
    "name": str,
    "href": str,
    "contenttype": str,
    "title": str,
    "height": int,
    "width": int,
    "sizeinbytes": int,
}


def property_problems(key: str, value, rule) -> list[str]:
    """What is wrong with one property of an item, by the rule ninjs 2.1 gives it."""
    if rule is None:
        return [f"{key} is not a ninjs 2.1 property"]
    if rule == "date-time":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            assert "T" in value
        except (AssertionError, ValueError):
            return [f"{key} is not an RFC 3339 date-time"]
        return []
    if isinstance(rule, set):
        return [] if value in rule else [f"{key}={value!r} is not one of {sorted(rule)}"]
    if isinstance(rule, dict):
        return [f"{key}.{k} is not allowed" for k in value if k not in rule]
    if isinstance(rule, list):
        (shape,) = rule
        found = []
        for entry in value:
            found += [f"{key}[].{k} is not allowed" for k in entry if k not in shape]
            found += [
                f"{key}[].{k} has the wrong type"
                for k, v in entry.items()
                if k in shape and not isinstance(v, shape[k])
            ]
            found += [f"{key}[] lacks {k}" for k in REQUIRED_IN.get(key, set()) - set(entry)]
        return found
    return [] if isinstance(value, rule) else [f"{key} has the wrong type"]


def association_problems(item: dict) -> list[str]:
    found = []
    for association in item.get("associations", []):
        if not {"name", "uri"} <= set(association):
            found.append("an association needs a name and a uri")
        for rendition in association.get("renditions", []):
            if "name" not in rendition or set(rendition) - set(RENDITION):
                found.append("a rendition needs a name and only rendition properties")
    return found


def problems(item: dict) -> list[str]:
    found = []
    if "uri" not in item or not urlparse(item["uri"]).scheme:
        found.append("uri must be present and absolute")
    for key, value in item.items():
        found += property_problems(key, value, RULES.get(key))
    return found + association_problems(item)


def test_the_rule_checker_catches_what_the_standard_forbids():
    assert problems({"uri": "urn:uuid:1", "pubstatus": "cancelled", "keywords": []}) == [
        "pubstatus='cancelled' is not one of ['canceled', 'usable', 'withheld']",
        "keywords is not a ninjs 2.1 property",
    ]
    assert problems({"uri": "relative", "headlines": [{"role": "main"}]}) == [
        "uri must be present and absolute",
        "headlines[] lacks value",
    ]


def test_every_public_item_is_valid_ninjs(client, wire):
    document = client.get("/en/feeds/all.ninjs").json()
    assert document["items"]
    for item in document["items"]:
        assert problems(item) == []
        assert item["representationtype"] == "partial"
        assert "bodies" not in item


def test_a_partners_item_is_valid_ninjs_with_its_body_and_image(client, wire, partner_token):
    _partner, secret = partner_token()
    item = client.get(f"/en/feeds/topics/trade.ninjs?token={secret}").json()["items"][0]
    assert problems(item) == []
    assert item["headlines"][0]["value"] == wire["coffee"].title_en
    assert item["bodies"][0]["contenttype"] == "text/html"
    assert item["subjects"] == [{"name": "Trade", "literal": "trade", "rel": "about"}]
    assert item["objects"][0]["literal"] == "47/NQ-CP"
    (image,) = item["associations"]
    assert image["type"] == "picture"
    assert image["renditions"][0]["sizeinbytes"] > 0


def test_arabic_items_are_valid_ninjs_in_arabic(client, wire):
    (item,) = client.get("/ar/feeds/all.ninjs").json()["items"]
    assert problems(item) == []
    assert item["language"] == "ar"
    assert item["headlines"][0]["value"] == wire["coffee"].title_ar
