"""A partner's feed token never reaches a log: gunicorn's, Django's, or an error report."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.views.debug import get_exception_reporter_class

from newsroom.token_masking import TOKEN_HEADERS, TOKEN_PARAMETER
from search.models import PartnerToken
from search.syndication.feeds import access
from tests.factories import PartnerFactory
from tests.production_server import (
    ROOT,
    database_url,
    free_port,
    gunicorn,
    production_environment,
)

FEED = "/en/feeds/all.rss"


def a_secret() -> str:
    return "nrp_" + secrets.token_urlsafe(32)


def test_the_masks_know_every_place_a_feed_reads_a_token_from():
    assert access.TOKEN_PARAMETER == TOKEN_PARAMETER
    assert {access.TOKEN_HEADER, "Authorization"} == set(TOKEN_HEADERS)


@pytest.mark.django_db
def test_a_server_error_on_a_feed_logs_and_mails_it_without_the_token(
    home, monkeypatch, settings, caplog
):
    settings.ADMINS = [("Site administrator", "admin@example.gov")]
    secret, header_secret = a_secret(), a_secret()

    def fail(request, changed_at):
        raise RuntimeError(f"no site answers {request.build_absolute_uri()}")

    monkeypatch.setattr("search.syndication.feeds.views.syndicating_site", fail)
    response = Client(raise_request_exception=False).get(
        f"{FEED}?limit=5&{TOKEN_PARAMETER}={secret}",
        HTTP_AUTHORIZATION=f"Bearer {header_secret}",
        HTTP_REFERER=f"https://partner.example/reader?{TOKEN_PARAMETER}={secret}",
    )

    assert response.status_code == 500
    assert "RuntimeError: no site answers" in caplog.text  # the traceback is logged...
    assert f"{TOKEN_PARAMETER}=***" in caplog.text
    (report,) = mail.outbox  # ... and mailed to the administrators
    assert FEED in report.subject and FEED in report.body
    assert "limit = '5'" in report.body  # the rest of the query is kept
    for secret_value in (secret, header_secret):
        assert secret_value not in caplog.text
        assert secret_value not in report.subject + report.body


@pytest.mark.django_db
def test_the_technical_500_report_masks_the_token_its_query_headers_and_variables(rf):
    secret, header_secret, partner_header_secret = a_secret(), a_secret(), a_secret()
    request = rf.get(
        FEED,
        {"limit": "5", TOKEN_PARAMETER: secret},
        HTTP_AUTHORIZATION=f"Bearer {header_secret}",
        HTTP_X_PARTNER_TOKEN=partner_header_secret,
    )

    def authenticate(presented):
        raise ValueError(f"cannot check {presented} for {request.get_full_path()}")

    try:
        authenticate(access.presented_token(request))
    except ValueError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())
    html, text = reporter.get_traceback_html(), reporter.get_traceback_text()

    assert "Request URL: http://testserver/en/feeds/all.rss?limit=5&token=***" in text
    assert "limit = '5'" in text
    for secret_value in (secret, header_secret, partner_header_secret):
        assert secret_value not in html
        assert secret_value not in text


def test_the_development_server_logs_request_lines_without_the_token(tmp_path):
    """`manage.py runserver` writes each request line through the django.server logger."""
    secret, port = a_secret(), free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": "",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
    }
    log = tmp_path / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"runserver did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        # Logged whatever the answer: this server's database is empty.
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?{TOKEN_PARAMETER}={secret}")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a machine too busy to let it stop in time
            server.kill()
            server.wait()
    written = log.read_text()
    assert f'"GET /healthz?{TOKEN_PARAMETER}=*** HTTP/1.1"' in written, written
    assert secret not in written


EVERY_TOKEN_ATOM = (
    '"%(r)s" %(s)s q="%(q)s" f="%(f)s" auth="%({authorization}i)s" '
    'partner="%({x-partner-token}i)s" env="%({query_string}e)s %({raw_uri}e)s"'
)


@pytest.mark.django_db(transaction=True)
def test_gunicorns_access_log_masks_the_token_wherever_it_was_presented(
    postgresql, home, production_redis, tmp_path
):
    partner = PartnerFactory(languages=["en"])
    _token, secret = PartnerToken.issue(partner, "Wire desk")
    environment = production_environment(
        database_url(connection.settings_dict),
        REDIS_URL=production_redis,
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        # Beyond deploy/gunicorn.conf.py's format: every atom a token could reach.
        GUNICORN_CMD_ARGS=f"--access-logformat '{EVERY_TOKEN_ATOM}'",
    )
    log = tmp_path / "gunicorn.log"
    with gunicorn(environment, workers=1, log=log) as server:
        statuses = []
        for headers, query in [
            ({}, f"?{TOKEN_PARAMETER}={secret}"),
            ({"Authorization": f"Bearer {secret}"}, ""),
            ({"X-Partner-Token": secret, "Referer": f"{server.url}{FEED}?token={secret}"}, ""),
        ]:
            request = urllib.request.Request(server.url + FEED + query, headers=headers)
            with urllib.request.urlopen(request, timeout=30) as response:
                statuses.append(response.status)
    assert statuses == [200, 200, 200]
    written = log.read_text()
    assert f'"GET {FEED}?{TOKEN_PARAMETER}=*** HTTP/1.1" 200' in written, written
    assert 'auth="Bearer ***"' in written
    assert 'partner="***"' in written
    assert f'f="{server.url}{FEED}?token=***"' in written
    assert secret not in written
    assert PartnerToken.objects.get(partner=partner).pull_count == 3
