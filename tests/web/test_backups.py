"""Backups restore: back up, change the data, restore, and the counts and checksums match the backup.

Runs the real commands in a separate process against a scratch database of the same kind as the suite's
(an SQLite file, or a scratch PostgreSQL database when DATABASE_URL points at PostgreSQL).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest


@pytest.fixture
def scratch_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODUCE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "COPRODUCE_DATA_DIR": str(tmp_path),
        "COPRODUCE_DEMO_MODE": "true",
        "DJANGO_SETTINGS_MODULE": "coproduce.config.settings",
    }
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    name = f"coproduce_backup_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    yield env
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def coproduce(env, *args: str) -> subprocess.CompletedProcess:
    if args[0] == "shell":
        args = (*args, "--no-imports")
    return subprocess.run(
        [sys.executable, "-m", "coproduce", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_backup_change_restore_gives_back_exactly_what_was_backed_up(scratch_env, tmp_path):
    for step in (("migrate", "-v0"), ("demo-data",)):
        assert coproduce(scratch_env, *step).returncode == 0
    target = tmp_path / "backups" / "coproduce.backup"
    made = coproduce(scratch_env, "backup", str(target))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "backups" / "coproduce.backup.manifest.json").exists()
    count = "from coproduce.accounts.models import Organisation; print(Organisation.objects.count())"
    before = coproduce(scratch_env, "shell", "-c", count).stdout.strip()
    change = (
        "from coproduce.accounts.models import Organisation; "
        "Organisation.objects.create(name='Added after the backup', kind='setting')"
    )
    assert coproduce(scratch_env, "shell", "-c", change).returncode == 0
    assert coproduce(scratch_env, "shell", "-c", count).stdout.strip() == str(int(before) + 1)
    refused = coproduce(scratch_env, "restore", str(target))
    assert refused.returncode != 0 and "--yes" in refused.stderr
    restored = coproduce(scratch_env, "restore", str(target), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "every count and checksum matches" in restored.stdout
    assert coproduce(scratch_env, "shell", "-c", count).stdout.strip() == before
