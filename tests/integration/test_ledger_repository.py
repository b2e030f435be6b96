"""Storing journal entries: atomic, idempotent by key, balanced in Python and in PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from bhbilling.app import ledger
from bhbilling.app import models as m
from bhbilling.domain import ledger as domain
from bhbilling.domain.ledger import (
    CONTRACTUAL_ADJUSTMENTS,
    GROSS_CHARGES,
    INSURANCE_AR,
    PATIENT_AR,
    credit,
    debit,
    make_entry,
)
from bhbilling.kernel.errors import TenantScopeError, UnbalancedEntry
from tests import builders as b

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def charge(key: str = "charge:PCN1", amount: str = "180.00", ref: str | None = None):
    return make_entry(key, DAY, "Gross charge 90837",
                      [debit(INSURANCE_AR, Decimal(amount), ref),
                       credit(GROSS_CHARGES, Decimal(amount), ref)])


def adjustment():
    return make_entry("835:T1:PCN1:1", DAY, "Contractual and patient share", [
        debit(CONTRACTUAL_ADJUSTMENTS, Decimal("55.25")),
        debit(PATIENT_AR, Decimal("20.00")),
        credit(INSURANCE_AR, Decimal("75.25")),
    ])


def counts() -> tuple[int, int]:
    return m.JournalEntry.unscoped.count(), m.JournalLine.unscoped.count()


def test_chart_of_accounts_is_created_once_per_practice(tenant):
    chart = ledger.ensure_chart_of_accounts(tenant.a)
    assert set(chart) == {a.code for a in domain.STANDARD_ACCOUNTS}
    assert chart[CONTRACTUAL_ADJUSTMENTS].kind == "contra_income"
    assert ledger.ensure_chart_of_accounts(tenant.a.id).keys() == chart.keys()
    assert m.LedgerAccount.unscoped.filter(practice=tenant.a).count() == len(chart)
    assert m.LedgerAccount.unscoped.filter(practice=tenant.b).count() == 0


def test_posted_entry_stores_lines_and_balances_sum_to_zero(tenant):
    row = ledger.post_entry(tenant.a.id, charge())
    ledger.post_entry(tenant.a.id, adjustment())
    assert m.JournalLine.unscoped.filter(entry=row).count() == 2 and row.posted_at.tzinfo is not None
    balances = ledger.account_balances(tenant.a.id)
    assert balances == {
        INSURANCE_AR: Decimal("104.75"), PATIENT_AR: Decimal("20.00"),
        CONTRACTUAL_ADJUSTMENTS: Decimal("55.25"), GROSS_CHARGES: Decimal("-180.00"),
    }
    assert balances == domain.balances([charge(), adjustment()])
    assert sum(balances.values()) == 0
    assert ledger.account_balances(tenant.b.id) == {}


def test_stored_entry_reads_back_as_the_same_domain_value(tenant):
    entry = adjustment()
    assert ledger.as_domain(ledger.post_entry(tenant.a.id, entry)) == entry


def test_reposting_the_same_key_is_a_no_op(tenant):
    first = ledger.post_entry(tenant.a.id, charge())
    before = counts()
    again = ledger.post_entry(tenant.a.id, charge())
    assert again.pk == first.pk
    assert counts() == before
    # the same key in another practice is another entry
    assert ledger.post_entry(tenant.b.id, charge()).pk != first.pk


def test_same_key_with_different_content_is_refused(tenant):
    ledger.post_entry(tenant.a.id, charge())
    before = counts()
    with pytest.raises(ledger.EntryKeyConflict, match="different content"):
        ledger.post_entry(tenant.a.id, charge(amount="200.00"))
    assert counts() == before


def test_an_unbalanced_entry_cannot_be_built_or_stored(tenant):
    with pytest.raises(UnbalancedEntry):
        make_entry("bad", DAY, "", [debit(INSURANCE_AR, Decimal("10.00")),
                                    credit(GROSS_CHARGES, Decimal("9.99"))])
    forged = domain.JournalEntry("bad", DAY, "", (debit(INSURANCE_AR, Decimal("10.00")),
                                                  credit(GROSS_CHARGES, Decimal("9.99"))))
    with pytest.raises(UnbalancedEntry):
        ledger.post_entry(tenant.a.id, forged)
    lonely = domain.JournalEntry("one", DAY, "", (debit(INSURANCE_AR, Decimal("10.00")),))
    with pytest.raises(UnbalancedEntry):
        ledger.post_entry(tenant.a.id, lonely)
    assert counts() == (0, 0)


def test_unknown_account_and_unknown_reversal_are_rejected(tenant):
    with pytest.raises(ledger.EntryRejected, match="unknown account"):
        ledger.post_entry(tenant.a.id, make_entry("x", DAY, "", [
            debit("9999", Decimal("1.00")), credit(GROSS_CHARGES, Decimal("1.00"))]))
    with pytest.raises(ledger.EntryRejected, match="reverses unknown entry"):
        ledger.post_entry(tenant.a.id, domain.reverse(charge(), "rev", DAY))
    assert counts() == (0, 0)


def test_reversal_links_the_original_and_nets_to_zero(tenant):
    original = ledger.post_entry(tenant.a.id, charge())
    rev = ledger.post_entry(tenant.a.id, domain.reverse(charge(), "charge:PCN1:rev", DAY))
    assert rev.reverses_id == original.pk
    assert set(ledger.account_balances(tenant.a.id).values()) == {Decimal("0.00")}


@pytest.fixture
def claim(tenant):
    patient = b.patient(tenant.a)
    claim = m.Claim.unscoped.create(practice=tenant.a, patient=patient,
                                    rendering_provider=b.provider(tenant.a),
                                    patient_control_number="PCN-LEDGER-1")
    m.ClaimLine.unscoped.create(practice=tenant.a, claim=claim, line_number=1, code="90837",
                                charge=Decimal("180.00"), date_of_service=DAY,
                                line_control_number="LCN-1")
    return claim


def test_claim_line_refs_resolve_to_the_claims_lines(tenant, claim):
    row = ledger.post_entry(tenant.a.id, charge(ref="LCN-1"), claim=claim, patient=claim.patient)
    lines = m.JournalLine.unscoped.filter(entry=row)
    assert {line.claim_line.line_control_number for line in lines} == {"LCN-1"}
    assert (row.claim_id, row.patient_id) == (claim.pk, claim.patient_id)
    with pytest.raises(ledger.EntryRejected, match="LCN-9"):
        ledger.post_entry(tenant.a.id, charge("k2", ref="LCN-9"), claim=claim)


def test_rows_of_another_practice_are_refused(tenant, claim):
    with pytest.raises(TenantScopeError):
        ledger.post_entry(tenant.b.id, charge(), claim=claim)
    assert counts() == (0, 0)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the journal triggers exist only on PostgreSQL (migration 0002)")


def raw_fails(sql: str, params=(), *, check_now: bool = False) -> str:
    """Run raw SQL in a savepoint; return the database error text it raised."""
    with pytest.raises(DatabaseError) as caught, transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql, params)
        if check_now:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return str(caught.value)


@pytest.mark.parametrize("sql", [
    "UPDATE billing_journalline SET debit = debit + 1 WHERE entry_id = %s",
    "DELETE FROM billing_journalline WHERE entry_id = %s",
    "UPDATE billing_journalentry SET memo = 'edited' WHERE id = %s",
    "DELETE FROM billing_journalentry WHERE id = %s",
])
def test_postgres_keeps_the_journal_append_only(postgres_only, tenant, sql):
    row = ledger.post_entry(tenant.a.id, charge())
    assert "append-only" in raw_fails(sql, [row.pk])


def test_postgres_refuses_an_unbalanced_entry_at_commit(postgres_only, tenant):
    row = ledger.post_entry(tenant.a.id, charge())
    account = m.LedgerAccount.unscoped.get(practice=tenant.a, code=PATIENT_AR)
    message = raw_fails(
        "INSERT INTO billing_journalline (practice_id, entry_id, account_id, debit, credit) "
        "VALUES (%s, %s, %s, 5, 0)", [tenant.a.id, row.pk, account.pk], check_now=True)
    assert "unbalanced" in message


def test_postgres_refuses_an_entry_with_fewer_than_two_lines(postgres_only, tenant):
    message = raw_fails(
        "INSERT INTO billing_journalentry (practice_id, entry_key, effective_date, posted_at, "
        "memo) VALUES (%s, 'empty', '2026-03-02', now(), '')", [tenant.a.id], check_now=True)
    assert "at least 2" in message


def test_postgres_refuses_a_claim_state_change_edit(postgres_only, tenant, claim):
    change = m.ClaimStateChange.unscoped.create(practice=tenant.a, claim=claim, from_state="draft",
                                                to_state="ready", at=claim.created_at)
    assert "append-only" in raw_fails(
        "UPDATE billing_claimstatechange SET to_state = 'paid' WHERE id = %s", [change.pk])
