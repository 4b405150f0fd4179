"""A copy of the live server's database just after the demo council was first loaded, put back before
every browser test.

Loading the council runs every app's demo loader (seconds; longer on PostgreSQL). Putting a copy back
takes milliseconds: on in-memory SQLite through SQLite's backup API, on PostgreSQL by copying every
table out once (``COPY ... TO STDOUT``, binary) and back in before each test, with the database's own
triggers set aside for the copy (the audit trail's append-only triggers would refuse the emptying) and
every sequence moved past the copied ids.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connections


class DatabaseSnapshot:
    """Take the copy the first time ``restore_or_load`` is called (after ``load`` runs), put it back after."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self._sqlite: sqlite3.Connection | None = None
        self._tables: dict[str, bytes] | None = None

    @property
    def connection(self):
        return connections[self.alias]

    def restore_or_load(self, load: Callable[[], object]) -> None:
        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            self._sqlite_restore_or_load(load)
        elif connection.vendor == "postgresql":
            self._postgresql_restore_or_load(load)
        else:
            load()
            return
        ContentType.objects.clear_cache()  # the ids are the snapshot's again

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        self._tables = None

    # --- SQLite in memory: the backup API both ways ------------------------------------------------

    def _sqlite_restore_or_load(self, load: Callable[[], object]) -> None:
        raw = self.connection.connection
        if self._sqlite is not None:
            self._sqlite.backup(raw)
            return
        load()
        self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
        raw.backup(self._sqlite)

    # --- PostgreSQL: every table copied out once and back in before each test ----------------------

    def _table_names(self) -> list[str]:
        connection = self.connection
        existing = set(connection.introspection.table_names())
        return sorted(
            name for name in connection.introspection.django_table_names(include_views=False) if name in existing
        )

    def _postgresql_restore_or_load(self, load: Callable[[], object]) -> None:
        connection = self.connection
        quote = connection.ops.quote_name
        if self._tables is None:
            load()
            tables: dict[str, bytes] = {}
            with connection.cursor() as cursor:
                for table in self._table_names():
                    buffer = io.BytesIO()
                    with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                        for data in copy:
                            buffer.write(data)
                    tables[table] = buffer.getvalue()
            self._tables = tables
            return
        with connection.cursor() as cursor:
            # The copy is the whole truth: the database's triggers (the audit trail's append-only ones,
            # foreign keys' checks) do not run for it. Needs a superuser, which the test database's owner is.
            cursor.execute("SET session_replication_role = replica")
            try:
                cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in self._tables))
                for table, data in self._tables.items():
                    if data:
                        with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)") as copy:
                            copy.write(data)
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(statement)
