"""The site a request is served from is the one Wagtail would choose, read with its roots.

Serving reads every site once (``content.models.site_for_request``) to fill each language's
site roots in the same query; its choice must stay Wagtail's ``Site.find_for_request``.
"""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from content.models import site_for_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(home):
    other_root = Page.get_first_root_node().add_child(title="Other", slug="other")
    return {
        "default": Site.objects.get(is_default_site=True),
        "press": Site.objects.create(hostname="press.example", port=443, root_page=other_root),
        "press-8080": Site.objects.create(
            hostname="press.example", port=8080, root_page=other_root
        ),
    }


@pytest.mark.parametrize(
    ("host", "secure"),
    [
        ("testserver", False),  # the default site's own host
        ("unknown.example", False),  # any other host: the default site
        ("press.example", True),  # host and port
        ("press.example:8080", False),
        ("press.example:9000", False),  # a host with two sites, neither on this port
    ],
)
def test_the_site_chosen_is_wagtails(sites, host, secure):
    request = RequestFactory().get("/", HTTP_HOST=host, secure=secure)
    expected = Site._find_for_request(request)
    assert site_for_request(RequestFactory().get("/", HTTP_HOST=host, secure=secure)) == expected
