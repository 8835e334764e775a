"""System checks on the site's languages: each needs an interface catalog to be read in."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils.translation import to_locale


def catalog_path(language: str) -> Path:
    """Where ``make messages`` keeps the gettext catalog of ``language``."""
    return Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES" / "django.po"


@checks.register()
def every_language_has_a_catalog(app_configs, **kwargs):
    """A language without a catalog would show its readers the English interface, silently."""
    return [
        checks.Error(
            f"The language {code!r} in LANGUAGES has no interface catalog at {catalog_path(code)}.",
            hint="Run `make messages`, then translate the new catalog (README: Languages).",
            id="newsroom.E001",
        )
        for code, _name in settings.LANGUAGES
        if not catalog_path(code).is_file()
    ]
