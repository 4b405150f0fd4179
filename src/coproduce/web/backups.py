"""Backups that restore: the whole database to one file, with a manifest of row counts and checksums
that a restore is checked against.

SQLite is copied with its online backup API (safe while the service runs); PostgreSQL with pg_dump in
its custom format, restored with pg_restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection


class BackupError(RuntimeError):
    pass


def manifest() -> dict[str, dict[str, object]]:
    """For every table of every model: its row count and a checksum of its rows in primary-key order."""
    tables: dict[str, dict[str, object]] = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        table = model._meta.db_table
        if table in tables:
            continue
        digest = hashlib.sha256()
        count = 0
        columns = [field.column for field in model._meta.concrete_fields]
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quoted} FROM {connection.ops.quote_name(table)} "  # noqa: S608 (names from models)
                f"ORDER BY {connection.ops.quote_name(model._meta.pk.column)}"
            )
            for row in cursor:
                count += 1
                digest.update(repr(tuple(_plain(value) for value in row)).encode())
        tables[table] = {"rows": count, "sha256": digest.hexdigest()}
    return tables


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value) if value is not None else None


def _pg_env() -> tuple[list[str], dict[str, str]]:
    settings = connection.settings_dict
    args = ["--host", settings.get("HOST") or "localhost", "--port", str(settings.get("PORT") or 5432)]
    if settings.get("USER"):
        args += ["--username", settings["USER"]]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is needed for PostgreSQL backups; install the PostgreSQL client tools")
    return found


def backup(path: Path) -> dict:
    """Write the database to ``path`` and its manifest to ``path`` + ``.manifest.json``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    facts = manifest()
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env()
        subprocess.run(  # noqa: S603 (fixed tool, our own arguments)
            [_tool("pg_dump"), *args, "--format=custom", "--file", str(path), connection.settings_dict["NAME"]],
            env=env,
            check=True,
            capture_output=True,
        )
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}")
    Path(f"{path}.manifest.json").write_text(json.dumps(facts, indent=2, sort_keys=True))
    return facts


def restore(path: Path) -> dict:
    """Replace the database with the backup at ``path``, then check it against the backup's manifest."""
    path = Path(path)
    expected = json.loads(Path(f"{path}.manifest.json").read_text())
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        result = subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError("pg_restore failed: " + result.stderr.strip().splitlines()[-1])
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}")
    found = manifest()
    differences = sorted(table for table in expected if expected[table] != found.get(table))
    if differences:
        raise BackupError("The restored database does not match the backup in: " + ", ".join(differences))
    return found
