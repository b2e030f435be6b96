"""Database-level guards on PostgreSQL: append-only history and balanced journal entries.

- BEFORE UPDATE OR DELETE triggers make the audit trail, claim state history and the
  journal append-only even for code (or a person with a SQL prompt) that bypasses the ORM.
  Corrections are new rows (a reversing entry, a new state change).
- A DEFERRABLE INITIALLY DEFERRED constraint trigger checks, at commit, that every journal
  entry touched has at least two lines and that its debits equal its credits. Deferred, so
  the entry and its lines can be inserted one statement at a time within a transaction.
- SQLite skips all of this (the Python side checks balance before writing). TRUNCATE (test
  flushes) fires no row triggers.
"""

from django.db import migrations

APPEND_ONLY_TABLES = (
    "billing_auditevent",
    "billing_journalentry",
    "billing_journalline",
    "billing_claimstatechange",
)

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION billing_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    *[
        f"""
        CREATE TRIGGER {table}_append_only
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();
        """
        for table in APPEND_ONLY_TABLES
    ],
    """
    CREATE OR REPLACE FUNCTION billing_check_entry_balanced() RETURNS trigger AS $$
    DECLARE
        target bigint;
        n integer;
        debits numeric;
        credits numeric;
    BEGIN
        IF TG_TABLE_NAME = 'billing_journalentry' THEN
            target := NEW.id;
        ELSE
            target := NEW.entry_id;
        END IF;
        SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0)
          INTO n, debits, credits
          FROM billing_journalline WHERE entry_id = target;
        IF n < 2 THEN
            RAISE EXCEPTION 'journal entry % has % line(s); at least 2 are required', target, n
                USING ERRCODE = 'check_violation';
        END IF;
        IF debits <> credits THEN
            RAISE EXCEPTION 'journal entry % is unbalanced: debits % <> credits %',
                target, debits, credits
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE CONSTRAINT TRIGGER billing_journalline_balanced
    AFTER INSERT ON billing_journalline
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION billing_check_entry_balanced();
    """,
    """
    CREATE CONSTRAINT TRIGGER billing_journalentry_has_lines
    AFTER INSERT ON billing_journalentry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION billing_check_entry_balanced();
    """,
]

REVERSE = [
    "DROP TRIGGER IF EXISTS billing_journalentry_has_lines ON billing_journalentry;",
    "DROP TRIGGER IF EXISTS billing_journalline_balanced ON billing_journalline;",
    "DROP FUNCTION IF EXISTS billing_check_entry_balanced();",
    *[f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in APPEND_ONLY_TABLES],
    "DROP FUNCTION IF EXISTS billing_refuse_change();",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite: the Python checks are the guard
        for sql in statements:
            schema_editor.execute(sql, params=None)  # no %-interpolation of RAISE formats

    return apply


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE), elidable=False)]
