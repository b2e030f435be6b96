"""Rewriting append-only history in test worlds (claim state changes, journal lines).

Claim state changes and journal lines are append-only: on PostgreSQL a trigger (migration 0002) refuses any
UPDATE. Tests that need a claim to have moved weeks ago build it through the real pipeline
now and then rewrite the timestamps, which on PostgreSQL means switching that trigger off
for the one statement (the table owner may; inside a test transaction even the ALTER is
rolled back). Production code never does this.
"""

from __future__ import annotations

from django.db import connections, router
from django.db.models import QuerySet


def rewrite_history(changes: QuerySet, **fields) -> int:
    """UPDATE ``changes`` (rows of an append-only table) with ``fields``; returns the row count."""
    connection = connections[router.db_for_write(changes.model)]
    if connection.vendor != "postgresql":
        return changes.update(**fields)
    table = changes.model._meta.db_table
    trigger = f"{table}_append_only"  # migration 0002
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while deferred checks (foreign keys) on the table are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        try:
            return changes.update(**fields)
        finally:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
