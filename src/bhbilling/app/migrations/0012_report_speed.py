"""Report speed (issue 7): tell PostgreSQL that a journal line's account fixes its practice.

The report queries filter ledger lines by ``practice_id IN (...)`` and ``account_id IN (...)``
(account ids looked up once per practice set, ``reports.scope.account_ids``). Each account
belongs to one practice, but the planner multiplies the two selectivities and estimates a few
rows instead of hundreds of thousands, then picks nested loops (the underpayment drill-down took
3 s at one million claims instead of 0.7 s). Extended statistics (functional dependencies,
n-distinct) on the pair correct the estimate. PostgreSQL only; SQLite has no such statistics.
"""

from django.db import migrations

CREATE = ("CREATE STATISTICS IF NOT EXISTS journalline_practice_account (dependencies, ndistinct) "
          "ON practice_id, account_id FROM billing_journalline")
DROP = "DROP STATISTICS IF EXISTS journalline_practice_account"


def _create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
        schema_editor.execute("ANALYZE billing_journalline")


def _drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0012_gfe_disputes"),  # integrator: any linear order works (no shared tables)
    ]

    operations = [migrations.RunPython(_create, _drop)]
