"""The translation workflow's package surfaces: every name they offer is there."""

import pytest

import content.translating
from content.translating import cat, checks


@pytest.mark.parametrize("package", [content.translating, cat, checks], ids=lambda p: p.__name__)
def test_every_public_name_of_a_package_resolves(package):
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert missing == []


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        content.translating.no_such_name  # noqa: B018
