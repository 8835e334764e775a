"""Site-wide wiring: health check, error pages, and the database CI must run on."""

import pytest

pytestmark = pytest.mark.django_db


def test_suite_runs_on_postgresql_in_ci(postgresql):
    assert postgresql.vendor == "postgresql"


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unknown_address_is_a_friendly_404(client, home):
    response = client.get("/en/no-such-story/")
    assert response.status_code == 404
    assert "<html" in response.content.decode()


def test_an_unknown_language_prefix_ends_in_a_404(client, home):
    assert client.get("/xx/", follow=True).status_code == 404


def test_the_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<html" in html


def test_the_embedded_default_runs_background_tasks_without_a_worker():
    """`make run` starts no worker: search-index updates must run in the web process."""
    import importlib

    dev = importlib.import_module("newsroom.settings.dev")
    assert dev.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert dev.NEWSROOM_SEARCH["url"] is None or dev.NEWSROOM_SEARCH["url"].startswith("http")
