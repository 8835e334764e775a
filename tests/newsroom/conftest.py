"""The interface catalogs under locale/, compiled afresh for the tests that read them."""

import pytest
from babel.messages.mofile import write_mo

from tests.newsroom.catalogs import INTERFACE_LOCALES, read_catalog


@pytest.fixture(scope="session")
def compiled_catalogs(tmp_path_factory):
    """Every catalog compiled as the build does, into a folder of the test session's own.

    Compiling here rather than reading the .mo files in locale/ means the tests judge the
    catalogs as they are in the tree, even where `make compilemessages` has not run since.
    """
    root = tmp_path_factory.mktemp("locale")
    for locale in INTERFACE_LOCALES:
        catalog = read_catalog(locale)
        target = root / locale / "LC_MESSAGES" / "django.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as mo:
            write_mo(mo, catalog)
    return root


@pytest.fixture
def interface_catalogs(compiled_catalogs, settings):
    """Serve pages with the catalogs of the tree (changing LOCALE_PATHS resets Django's cache)."""
    settings.LOCALE_PATHS = [compiled_catalogs]
    return compiled_catalogs
