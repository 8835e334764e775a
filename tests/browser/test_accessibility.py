"""Every public page type, in five languages, at desktop and phone sizes: 0 axe violations."""

import pytest

from tests.browser.accessibility import VIEWPORTS, axe_violations
from tests.browser.public_site import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_public_page_breaks_an_accessibility_rule(live_server, public_site, chromium):
    # One test for both sizes: the site is built once (building it costs more than a size).
    found = []
    for size, viewport in VIEWPORTS.items():
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        for language in LANGUAGES:
            for kind, path in public_site.pages(language).items():
                response = page.goto(live_server.url + path)
                assert response.status == (404 if kind == "not found" else 200), path
                found += [f"{size} {language} {kind}: {line}" for line in axe_violations(page)]
        context.close()
    assert found == [], "\n".join(found)
