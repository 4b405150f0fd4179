"""Production settings: the deployment checks pass, and the app refuses to start unsafely."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

PRODUCTION = {
    "COPRODUCE_ENVIRONMENT": "production",
    "COPRODUCE_SECRET_KEY": "k" * 20 + "-production-secret-that-is-long-and-random-enough-0123456789",
    "COPRODUCE_ALLOWED_HOSTS": "coproduce.example.gov.uk",
    "DATABASE_URL": "postgresql://coproduce@127.0.0.1:5432/coproduce",
}


def run_coproduce(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only the production environment: nothing the test run itself set (such as the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE) may leak into the check.
    leave_out = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COPRODUCE_") and k not in leave_out}
    clean["DJANGO_SETTINGS_MODULE"] = "coproduce.config.settings"
    return subprocess.run(
        [sys.executable, "-m", "coproduce", *args], env=clean | env, capture_output=True, text=True, timeout=120
    )


def test_deployment_checks_pass_with_production_settings(tmp_path):
    result = run_coproduce(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION | {"COPRODUCE_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("COPRODUCE_SECRET_KEY", "COPRODUCE_SECRET_KEY must be set"),
        ("COPRODUCE_ALLOWED_HOSTS", "COPRODUCE_ALLOWED_HOSTS must name"),
        ("DATABASE_URL", "DATABASE_URL must point"),
    ],
)
def test_production_refuses_to_start_without_its_settings(tmp_path, missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing} | {"COPRODUCE_DATA_DIR": str(tmp_path)}
    result = run_coproduce("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_demo_mode(tmp_path):
    env = PRODUCTION | {"COPRODUCE_DEMO_MODE": "true", "COPRODUCE_DATA_DIR": str(tmp_path)}
    result = run_coproduce("check", env=env)
    assert result.returncode != 0
    assert "COPRODUCE_DEMO_MODE must be off" in result.stderr


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_collected_static_files_are_hashed_and_our_module_imports_the_hashed_name(tmp_path):
    """Production's static files are named by content, so they can be cached for a year; ``init.mjs``
    imports GOV.UK Frontend by its hashed name too (else browsers ask for it again on every page)."""
    env = PRODUCTION | {"COPRODUCE_DATA_DIR": str(tmp_path)}
    result = run_coproduce("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    [init] = (tmp_path / "static" / "coproduce").glob("init.*.mjs")
    [imported] = (tmp_path / "static" / "build" / "govuk").glob("govuk-frontend.min.*.js")
    assert f'from "../build/govuk/{imported.name}"' in init.read_text(encoding="utf-8")
