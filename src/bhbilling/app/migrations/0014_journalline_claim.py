"""Each journal line names the claim its money counts for (``JournalLine.claim``).

Before, balances took "the claim line's claim, else the entry's claim" per query and the
reports took the entry's claim, which put both legs of a next-payer transfer (Dr the new
claim's line, Cr the old claim's line, one entry on the new claim) on the new claim: the old
payer kept its balance in aging by payer. The column is filled here for existing lines with
the same rule ``app.ledger`` now applies when posting.

Journal lines are append-only on PostgreSQL (migration 0002); this one-off backfill lifts
that trigger for its single UPDATE, inside the migration's transaction.
"""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE billing_journalline SET claim_id = COALESCE(
    (SELECT cl.claim_id FROM billing_claimline cl WHERE cl.id = billing_journalline.claim_line_id),
    (SELECT e.claim_id FROM billing_journalentry e WHERE e.id = billing_journalline.entry_id))
"""
TRIGGER = "billing_journalline_append_only"


def backfill(apps, schema_editor) -> None:
    postgres = schema_editor.connection.vendor == "postgresql"
    with schema_editor.connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE billing_journalline DISABLE TRIGGER {TRIGGER}")
        cursor.execute(BACKFILL)
        if postgres:
            cursor.execute(f"ALTER TABLE billing_journalline ENABLE TRIGGER {TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0013_writeoff_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="journalline",
            name="claim",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="ledger_lines", to="billing.claim"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
