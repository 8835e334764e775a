"""The interface catalogs under locale/, read as the build reads them."""

from pathlib import Path

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
