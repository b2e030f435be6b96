"""Proof that SSNs, member ids and dates of birth never reach the database in plaintext.

A unique sentinel goes into the encrypted fields; then every row of every table is read
back raw (and, on SQLite, the full SQL dump): the sentinel must be nowhere, the raw column
must decrypt to it, and the audit trail must hold none of it.
HIPAA 45 CFR 164.312(a)(2)(iv), encryption of ePHI at rest.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from bhbilling.app.fields import blind_index, unseal
from bhbilling.app.models import AuditEvent, Coverage
from tests import builders as b

pytestmark = pytest.mark.django_db

SENTINEL = "SENTINEL-7f3a9"
SSN = f"{SENTINEL}-SSN"
MEMBER_ID = f"{SENTINEL}-MEMBER"
DOB = dt.date(1961, 7, 23)
SUBSCRIBER_DOB = dt.date(1959, 2, 14)
PLAIN_DATES = (DOB.isoformat(), SUBSCRIBER_DOB.isoformat())


@pytest.fixture
def phi(tenant):
    patient = b.patient(tenant.a, date_of_birth=DOB, ssn=SSN)
    coverage = b.coverage(patient, b.payer(tenant.company), member_id=MEMBER_ID,
                          subscriber_date_of_birth=SUBSCRIBER_DOB)
    patient.ssn = f"{SSN}-2"
    patient.save(update_fields=["ssn"])
    return patient, coverage


def raw_row(table: str, columns: list[str], pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()


def every_stored_value() -> str:
    """All rows of all tables as text, read with plain SQL (no model field decoding)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_raw_columns_hold_ciphertext_that_decrypts_to_the_values(phi):
    patient, coverage = phi
    raw_ssn, raw_dob = raw_row("billing_patient", ["ssn", "date_of_birth"], patient.pk)
    assert SENTINEL not in raw_ssn and unseal(raw_ssn) == f"{SSN}-2"
    assert DOB.isoformat() not in raw_dob and unseal(raw_dob) == DOB.isoformat()
    raw_member, raw_index, raw_sub_dob = raw_row(
        "billing_coverage", ["member_id", "member_id_index", "subscriber_date_of_birth"],
        coverage.pk)
    assert SENTINEL not in raw_member and unseal(raw_member) == MEMBER_ID
    assert unseal(raw_sub_dob) == SUBSCRIBER_DOB.isoformat()
    assert raw_index == blind_index(MEMBER_ID) and SENTINEL not in raw_index


def test_ciphertext_is_randomised_so_equal_values_do_not_match(phi, tenant):
    other = b.patient(tenant.a, date_of_birth=DOB, ssn=f"{SSN}-2")
    first = raw_row("billing_patient", ["ssn"], phi[0].pk)[0]
    second = raw_row("billing_patient", ["ssn"], other.pk)[0]
    assert first != second


def test_blind_index_finds_the_member_id_without_plaintext(phi):
    _, coverage = phi
    found = Coverage.unscoped.get(member_id_index=blind_index(f"  {MEMBER_ID.lower()} "))
    assert found.pk == coverage.pk and found.member_id == MEMBER_ID


def test_no_table_holds_the_sentinel_or_the_plain_dates(phi):
    stored = every_stored_value()
    assert "billing_patient" not in stored  # table names are not rows: the scan read values
    assert len(stored) > 1000
    assert SENTINEL not in stored
    for day in PLAIN_DATES:
        assert day not in stored


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("iterdump() is SQLite's full-database dump; other vendors use the scan")


def test_sqlite_dump_holds_no_sentinel(sqlite_only, phi):
    connection.ensure_connection()
    dump = "\n".join(connection.connection.iterdump())
    assert "INSERT INTO \"billing_patient\"" in dump
    assert SENTINEL not in dump
    for day in PLAIN_DATES:
        assert day not in dump


def test_audit_events_name_changed_fields_but_never_their_values(phi):
    patient, _ = phi
    events = list(AuditEvent.objects.filter(patient_id=patient.pk).order_by("seq"))
    assert {(e.action, e.object_type) for e in events} >= {
        ("create", "patient"), ("create", "coverage"), ("update", "patient")}
    assert events[-1].detail == {"fields": ["ssn"]}
    for event in events:
        text = repr(event.__dict__)
        assert SENTINEL not in text
        assert patient.last_name not in text
