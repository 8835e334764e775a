"""The interface catalogs under locale/, compiled afresh for the tests that read them."""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def catalog_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


def read_catalog(locale: str):
    with catalog_path(locale).open("rb") as po:
        return read_po(po, locale=locale)


INTERFACE_LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES]


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
