"""axe-core finds nothing serious on the admin views the newsroom adds beside the journey's.

The translation queue, editor and review, the request form and the dashboard are checked
along the journey (test_editorial_journey.py); these are the rest: XLIFF import, partners
and the termbase. One visit each, at the admin's usual size: the journey's time is CI's.
"""

import pytest
from django.urls import reverse

from content.editorial import translator_group_name
from search.models import Partner
from tests.browser.admin import log_in, serious_violations
from tests.factories import UserFactory
from tests.factories.partners import PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_xliff_import_partners_and_termbase_have_no_serious_violations(
    live_server, roles, site_administrator, browser_page
):
    page = browser_page
    translator = UserFactory(groups=[translator_group_name("ja")])
    log_in(page, live_server.url, translator)
    page.goto(live_server.url + "/admin/translations/xliff/import/")
    page.locator("input[type=file]").wait_for()  # the form, not an error page
    assert serious_violations(page) == []

    partner = PartnerFactory()
    viewset = Partner.snippet_viewset
    log_in(page, live_server.url, site_administrator)
    views = {
        "partners": viewset.get_url_name("list"),
        "a partner": (viewset.get_url_name("edit"), partner.pk),
        "the termbase": "wagtailsnippets_content_termbaseentry:list",
        "a new term": "wagtailsnippets_content_termbaseentry:add",
    }
    found = {}
    for name, view in views.items():
        url_name, *args = view if isinstance(view, tuple) else (view,)
        response = page.goto(live_server.url + reverse(url_name, args=args))
        assert response.status == 200, name
        found[name] = serious_violations(page)
    assert found == {name: [] for name in views}
