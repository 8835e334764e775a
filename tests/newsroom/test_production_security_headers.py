"""Production configured as deploy/env.example says: a clean deploy checklist, its headers set."""

import json
import os
import secrets
import subprocess

import pytest

from tests.production_server import ROOT, environment_file, run_manage

ENV_EXAMPLE = ROOT / "deploy" / "env.example"


def env_example() -> dict[str, str]:
    return environment_file(ENV_EXAMPLE)


def manage(*args: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        **env_example(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    }
    assert environment["DJANGO_SETTINGS_MODULE"] == "newsroom.settings.production"
    return run_manage(environment, *args, timeout=120)


def test_check_deploy_is_clean_with_the_example_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def production_settings() -> dict:
    names = [
        "MIDDLEWARE",
        "INSTALLED_APPS",
        "CONTENT_SECURITY_POLICY",
        "NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY",
        "PERMISSIONS_POLICY",
        "DEFAULT_EXCEPTION_REPORTER",
        "DEFAULT_EXCEPTION_REPORTER_FILTER",
    ]
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=repr))",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers_and_checks_their_settings(production_settings):
    middleware = production_settings["MIDDLEWARE"]
    first = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[first : first + 3] == [
        "django.middleware.security.SecurityMiddleware",
        "newsroom.security_headers.ContentSecurityPolicyMiddleware",
        "newsroom.security_headers.PermissionsPolicyMiddleware",
    ]
    # Only what answers without a page comes before them: Django's page cache keeps whole
    # responses, their headers included (tests/newsroom/test_page_cache.py), and a beacon
    # answers 204 with nothing to protect.
    assert set(middleware[:first]) <= {
        "reach.beacon.BeaconMiddleware",
        "newsroom.front_cache.page_cache.PageCacheMiddleware",
    }
    assert "csp" in production_settings["INSTALLED_APPS"]  # django-csp's system checks run
    public = production_settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "'unsafe-inline'" not in public["script-src"] + public["style-src"]
    assert production_settings["PERMISSIONS_POLICY"]["camera"] == []


def test_production_masks_tokens_in_error_reports(production_settings):
    assert production_settings["DEFAULT_EXCEPTION_REPORTER_FILTER"] == (
        "newsroom.token_masking.PartnerTokenReporterFilter"
    )
    assert production_settings["DEFAULT_EXCEPTION_REPORTER"] == (
        "newsroom.token_masking.PartnerTokenExceptionReporter"
    )
