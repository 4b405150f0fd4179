"""Writing many rows quickly: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

``bulk_create`` prepares every value of every row through the field machinery, which is most of the time
spent seeding. Here each column gets one small converter, worked out once per model, and the rows go to the
database in one statement per batch. Only for generated data whose objects are already valid: no signals,
no ``save()``, and auto-incrementing primary keys are left to the database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable

from django.db import connection, models

CHUNK = 5000


def _file_name(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else (value.name or "")


def _sqlite_datetime(value):
    """As Django stores it in SQLite: naive UTC, ``YYYY-MM-DD HH:MM:SS[.ffffff]``."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(" ")


def _sqlite_converter(field: models.Field) -> Callable:
    kind = field.get_internal_type()
    if kind == "FileField":
        return _file_name
    if isinstance(field, models.ForeignKey):
        return _sqlite_converter(field.target_field)
    if kind == "UUIDField":
        return lambda v: v.hex if v is not None else None
    if kind == "JSONField":
        return lambda v: json.dumps(v, cls=field.encoder)
    if kind == "DateTimeField":
        return _sqlite_datetime
    if kind == "DateField":
        return lambda v: v.isoformat() if v is not None else None
    if kind == "DecimalField":
        return lambda v: str(v) if v is not None else None
    return lambda v: v


def _postgres_converter(field: models.Field) -> Callable:
    kind = field.get_internal_type()
    if kind == "FileField":
        return _file_name
    if kind == "JSONField":
        return lambda v: json.dumps(v, cls=field.encoder)
    return lambda v: v


def _columns(model: type[models.Model], sample: models.Model) -> list[models.Field]:
    fields = []
    for field in model._meta.concrete_fields:
        auto = field.primary_key and isinstance(field, models.AutoField | models.BigAutoField)
        if auto and getattr(sample, field.attname) is None:
            continue  # the database numbers the rows
        fields.append(field)
    return fields


def insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """Insert ``objects`` (unsaved instances of ``model``) in as few statements as possible."""
    objects = list(objects)
    if not objects:
        return 0
    fields = _columns(model, objects[0])
    table = connection.ops.quote_name(model._meta.db_table)
    names = [field.column for field in fields]
    attnames = [field.attname for field in fields]
    if connection.vendor == "postgresql":
        converters = [_postgres_converter(field) for field in fields]
        columns = ", ".join(connection.ops.quote_name(name) for name in names)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in objects:
                    copy.write_row([convert(getattr(obj, a)) for convert, a in zip(converters, attnames, strict=True)])
        return len(objects)
    converters = [_sqlite_converter(field) for field in fields]
    placeholders = ", ".join(["%s"] * len(fields))
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    # Only the model's own table and column names, quoted, go into the statement; the values are parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), CHUNK):
            cursor.executemany(
                sql,
                [
                    [convert(getattr(obj, a)) for convert, a in zip(converters, attnames, strict=True)]
                    for obj in objects[start : start + CHUNK]
                ],
            )
    return len(objects)


class Row:
    """A row to insert: a plain object with one attribute per column (``child_id``, not ``child``), made
    without the cost of a model instance. ``pk`` is the primary key's value."""

    __slots__ = ("__dict__",)

    @property
    def pk(self):
        return self.__dict__.get("_pk_value")


_SHAPES: dict = {}


def _shape(model: type[models.Model]) -> tuple[dict, dict, str]:
    if model not in _SHAPES:
        defaults, relations = {}, {}
        for field in model._meta.concrete_fields:
            defaults[field.attname] = field.get_default()
            if field.is_relation:
                relations[field.name] = field.attname
        _SHAPES[model] = (defaults, relations, model._meta.pk.attname)
    return _SHAPES[model]


def row(model: type[models.Model], **values) -> Row:
    """``row(Need, plan=plan, text=...)``: like ``Need(plan=plan, text=...)``, for ``insert`` only."""
    defaults, relations, pk_name = _shape(model)
    data = dict(defaults)
    for name, value in values.items():
        if name in relations:
            data[relations[name]] = value.pk if value is not None else None
        else:
            data[name] = value
    data["_pk_value"] = data.get(pk_name)
    obj = Row()
    obj.__dict__.update(data)
    return obj
