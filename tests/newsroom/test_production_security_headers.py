"""Production configured as deploy/env.example says: a clean deploy checklist, its headers set."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.production_server import ROOT

ENV_EXAMPLE = ROOT / "deploy" / "env.example"


def env_example() -> dict[str, str]:
    variables = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables


def manage(*args: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        **env_example(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    }
    assert environment["DJANGO_SETTINGS_MODULE"] == "newsroom.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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
    assert middleware[:3] == [
        "django.middleware.security.SecurityMiddleware",
        "newsroom.security_headers.ContentSecurityPolicyMiddleware",
        "newsroom.security_headers.PermissionsPolicyMiddleware",
    ]
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
