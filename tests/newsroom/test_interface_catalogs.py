"""The public site's gettext catalogs: one per language, complete, current with the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from django.conf import settings

from tests.newsroom.catalogs import INTERFACE_LOCALES, LOCALE_DIR, catalog_path, read_catalog
from tests.services import require_service

SOURCE_LOCALE = "en"  # msgids are English: its catalog may leave every msgstr empty
TRANSLATED_LOCALES = [locale for locale in INTERFACE_LOCALES if locale != SOURCE_LOCALE]

# What python-format reads as a placeholder: %(name)s, %s, %d..., but not a literal %%.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def placeholders(text: str) -> set[str]:
    return {name or kind for name, kind in PLACEHOLDER.findall(text) if kind != "%"}


def messages(catalog):
    return [message for message in catalog if message.id]


def as_forms(message) -> tuple[str, ...]:
    return message.string if message.pluralizable else (message.string,)


def test_every_language_of_the_site_has_a_catalog_that_make_messages_updates():
    listed = subprocess.run(
        ["make", "--no-print-directory", "-s", "locales"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout.split() == INTERFACE_LOCALES
    for locale in INTERFACE_LOCALES:
        assert catalog_path(locale).is_file(), f"no catalog for {locale}: run `make messages`"


@pytest.mark.parametrize("locale", INTERFACE_LOCALES)
def test_each_catalog_compiles_without_errors(locale, tmp_path):
    catalog = read_catalog(locale)
    errors = [(message.id, error) for message, errs in catalog.check() for error in errs]
    assert errors == []
    with (tmp_path / "django.mo").open("wb") as mo:
        write_mo(mo, catalog)
    assert (tmp_path / "django.mo").stat().st_size > 0


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_each_catalog_translates_every_string_with_nothing_left_fuzzy(locale):
    catalog = read_catalog(locale)
    assert not catalog.fuzzy, f"{locale}: the catalog's header is marked fuzzy"
    fuzzy = [message.id for message in messages(catalog) if message.fuzzy]
    untranslated = [message.id for message in messages(catalog) if not all(as_forms(message))]
    assert fuzzy == [], f"{locale}: fuzzy entries to review"
    assert untranslated == [], f"{locale}: entries without a translation"


@pytest.mark.parametrize(
    ("locale", "plural_forms"),
    [
        ("vi", 1),
        ("en", 2),
        ("fr", 2),
        ("es", 2),
        ("ru", 3),
        ("zh_Hans", 1),
        ("ja", 1),
        ("ko", 1),
        ("ar", 6),
    ],
)
def test_each_catalog_declares_its_languages_plural_forms(locale, plural_forms):
    catalog = read_catalog(locale)
    assert catalog.num_plurals == plural_forms
    for message in messages(catalog):
        if message.pluralizable:
            assert len(message.string) == plural_forms, message.id


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_translations_keep_the_placeholders_of_the_source(locale):
    mismatched = []
    for message in messages(read_catalog(locale)):
        if message.pluralizable:
            singular, plural = message.id
            allowed = placeholders(singular) | placeholders(plural)
            *special, other = message.string
            # Forms for one, two... may spell the number out ("قصة واحدة"); the general form
            # must carry every placeholder.
            if placeholders(other) != placeholders(plural) or any(
                not placeholders(form) <= allowed for form in special
            ):
                mismatched.append(message.id)
        elif placeholders(message.string) != placeholders(message.id):
            mismatched.append(message.id)
    assert mismatched == []


def test_catalogs_are_up_to_date_with_the_code(tmp_path):
    """What `make catalogs-check` asks of CI, on a copy of the code so the tree is untouched."""
    require_service(shutil.which("xgettext") is not None, "no xgettext: GNU gettext is missing")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "newsroom"
    skipped = shutil.ignore_patterns(
        ".*", "var", "node_modules", "tests", "deploy", "__pycache__", "*.mo"
    )
    shutil.copytree(base, copy, ignore=skipped)
    locales = [arg for locale in INTERFACE_LOCALES for arg in ("--locale", locale)]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--domain",
            "django",
            "--no-location",
            "--no-obsolete",
            *locales,
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    stale = [
        locale
        for locale in INTERFACE_LOCALES
        if without_creation_date(copy / "locale" / locale / "LC_MESSAGES" / "django.po")
        != without_creation_date(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po")
    ]
    assert stale == [], "catalogs out of date with the code: run `make messages` and translate"


def without_creation_date(path: Path) -> str:
    return re.sub(r'"POT-Creation-Date: .*\n', "", path.read_text())
