"""Production settings: the deploy checklist is clean, and missing configuration fails loudly."""

import os
import secrets

from tests.production_server import run_manage


def manage(*args, **env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        **env,
    }
    return run_manage(environment, *args, timeout=120)


def production_environment(tmp_path):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "news.example.gov",
        "WAGTAILADMIN_BASE_URL": "https://news.example.gov",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    environment = production_environment(tmp_path)
    del environment["DJANGO_SECRET_KEY"]
    result = manage("check", **environment)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
