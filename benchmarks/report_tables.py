"""Fast bulk writes for generated benchmark data: COPY on PostgreSQL, executemany elsewhere.

Rows are plain tuples in the order of the columns a generator names; every other column of
the model gets its Django default (timestamps: a fixed "now"), so a generator only spells out
what it varies. Ids are given by the generator (``Ids``), so child rows reference parents
without a round trip. On PostgreSQL ``finish`` moves each identity sequence past the ids used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import connection, models

NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)


def _default(field: models.Field) -> object:
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        return NOW
    value = field.get_default()
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    return field.get_db_prep_save(value, connection)


def _sqlite_value(value: object) -> object:
    """What Django itself would store on SQLite (no reliance on sqlite3's default adapters)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


class Table:
    """One model's table with the columns a generator fills; the rest take defaults."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.name = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields]
        known = {f.column for f in fields}
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"{self.name} has no column(s) {unknown}")
        rest = [f for f in fields if f.column not in columns and not f.primary_key]
        self.columns = (*columns, *(f.column for f in rest))
        self.tail = tuple(_default(f) for f in rest)


class Writer:
    """Buffers rows per table and writes them in one COPY (or executemany) per flush."""

    def __init__(self) -> None:
        self.pg = connection.vendor == "postgresql"
        self.buffers: dict[Table, list[tuple]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: Table, row: tuple) -> None:
        self.buffers.setdefault(table, []).append(row)

    def flush(self) -> None:
        for table, rows in self.buffers.items():
            if rows:
                self._write(table, rows)
                self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
        self.buffers = {}

    def _write(self, table: Table, rows: Iterable[tuple]) -> None:
        cols = ", ".join(f'"{c}"' for c in table.columns)
        tail = table.tail
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + tail)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(
                    f"INSERT INTO {table.name} ({cols}) VALUES ({marks})",  # noqa: S608 (model tables)
                    [tuple(_sqlite_value(v) for v in row + tail) for row in rows],
                )


class Ids:
    """The next free id per table (read once), handed out in order."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, table: Table) -> int:
        if table.name not in self._next:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table.name}")  # noqa: S608
                self._next[table.name] = cursor.fetchone()[0] + 1
        value = self._next[table.name]
        self._next[table.name] = value + 1
        return value

    def finish(self) -> None:
        """Move PostgreSQL identity sequences past the ids written by hand."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for name, value in self._next.items():
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", [name, value])
