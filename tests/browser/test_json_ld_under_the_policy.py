"""JSON-LD is data the browser reads under the Content-Security-Policy, with no inline script."""

import json

import pytest

from content.models import ArticleKind
from tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_reads_an_articles_json_ld_and_reports_no_policy_violation(
    live_server, section, browser_page
):
    story = ArticlePageFactory(parent=section, kind=ArticleKind.CLARIFICATION)
    violations = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = browser_page.goto(live_server.url + story.url)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]

    text = browser_page.locator('script[type="application/ld+json"]').text_content()
    graph = json.loads(text)["@graph"]
    assert {node["@type"] for node in graph} >= {"NewsArticle", "ClaimReview", "BreadcrumbList"}
    assert browser_page.evaluate("window.__violations") == []
    assert violations == []
