"""The data protection statement lists what reach actually stores, in the reader's language."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from reach.privacy import NOT_ABOUT_READERS


def stored_fields(language: str) -> dict[str, list[str]]:
    with translation.override(language):
        return {
            str(model._meta.verbose_name_plural): [
                str(f.verbose_name)
                for f in model._meta.get_fields()
                if isinstance(f, models.Field) and not f.primary_key
            ]
            for model in apps.get_app_config("reach").get_models()
            if model.__name__ not in NOT_ABOUT_READERS
        }


@pytest.mark.parametrize("language", ["en", "vi", "ar"])
def test_the_page_names_every_stored_table_and_field(client, home, language):
    response = client.get(f"/{language}/data-protection/")
    html = response.content.decode()

    assert response.status_code == 200
    tables = stored_fields(language)
    # Reads, per month and in all, their rollups, referrals and per month, searches, gaps and
    # per month, pulls, pings.
    assert len(tables) == 11
    for table, fields in tables.items():
        assert table[:1].upper() + table[1:] in html
        assert ", ".join(fields) in html


def test_no_stored_field_could_hold_an_address_a_browser_or_a_cookie():
    for fields in stored_fields("en").values():
        for field in fields:
            assert not {"address", "agent", "cookie", "ip", "session", "user"} & set(field.split())


def test_the_page_says_how_long_the_buffer_and_the_flood_codes_last(client, home):
    html = client.get("/en/data-protection/").content.decode()

    assert "48 hours" in html
    assert "two minutes" in html
