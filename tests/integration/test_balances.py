"""app.balances: claim and patient balances read from the ledger, per claim line owner."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import (
    ClaimBalance,
    claim_balances,
    line_balances,
    open_claim_balances,
    patient_balances,
)
from bhbilling.app.ledger import account_balances, post_entry
from bhbilling.app.remittance.secondary import bill_next_payer
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain import ledger as dl
from tests import builders as b
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def test_charge_payment_and_patient_share(world):
    paid = submitted(world, last="Paid")
    unpaid = submitted(world, last="Open")
    full = submitted(world, last="Full")
    import_835(world, [RemitSpec([
        ClaimSpec(paid.patient_control_number, "200", "140", patient_responsibility="20",
                  lines=[line_spec(paid, "140", [("CO", "45", "40"), ("PR", "2", "20")])]),
        ClaimSpec(full.patient_control_number, "200", "200", lines=[line_spec(full, "200", [])])])])
    got = claim_balances(world.practice.pk)
    assert got == {paid.pk: ClaimBalance(D("0.00"), D("20.00")), unpaid.pk: ClaimBalance(D("200.00"))}
    assert str(got[unpaid.pk].insurance) == "200.00" and got[paid.pk].total == D("20.00")
    assert claim_balances(world.practice.pk, [paid.pk, full.pk]) == {paid.pk: ClaimBalance(D("0"), D("20"))}
    assert claim_balances(world.practice.pk, []) == {}
    # the 835 is dated 2026-06-01, the charges on the date of service (2026-05-15)
    before = claim_balances(world.practice.pk, as_of=dt.date(2026, 5, 31))
    assert before == {c.pk: ClaimBalance(D("200.00")) for c in (paid, unpaid, full)}
    assert claim_balances(world.practice.pk, as_of=dt.date(2026, 5, 14)) == {}
    assert patient_balances(world.practice.pk) == {paid.patient_id: D("20.00")}
    assert patient_balances(world.practice.pk, as_of=dt.date(2026, 5, 31)) == {}
    ledger = account_balances(world.practice.pk)
    assert sum((b.total for b in got.values()), D(0)) == ledger["1100"] + ledger["1200"]


def test_a_moved_balance_counts_for_the_claim_whose_line_it_names(world):
    claim = submitted(world, payers=[world.payer, world.secondary_payer])
    import_835(world, [RemitSpec([ClaimSpec(claim.patient_control_number, "200", "0", status="4",
                                            lines=[line_spec(claim, "0", [("CO", "22", "200")])])])])
    claim.refresh_from_db()
    nxt = bill_next_payer(claim, actor=None, now=dt.datetime(2026, 6, 5, 12, tzinfo=dt.UTC))
    assert claim_balances(world.practice.pk) == {nxt.pk: ClaimBalance(D("200.00"))}
    assert line_balances(world.practice.pk, claim.pk, dl.INSURANCE_AR) == {
        claim.lines.get().line_control_number: D("0.00")}
    assert line_balances(world.practice.pk, nxt.pk, dl.INSURANCE_AR) == {
        nxt.lines.get().line_control_number: D("200.00")}
    # an untagged line counts for its entry's claim
    post_entry(world.practice.pk, dl.make_entry("test:untagged", dt.date(2026, 6, 6), "test",
                                                [dl.debit(dl.PATIENT_AR, D("5.00")),
                                                 dl.credit(dl.OTHER_ADJUSTMENTS, D("5.00"))]),
               claim=claim, patient=claim.patient)
    assert claim_balances(world.practice.pk, [claim.pk]) == {claim.pk: ClaimBalance(D("0"), D("5.00"))}
    assert line_balances(world.practice.pk, claim.pk, dl.PATIENT_AR)[""] == D("5.00")


def test_several_practices_in_one_query(world, tenant, django_assert_num_queries):
    a = submitted(world)
    w2 = type("W", (), {})()
    w2.practice, w2.payer, w2.coder = tenant.b, world.payer, world.coder
    w2.provider = b.provider(tenant.b)
    b.fee_schedule(tenant.b, None, {("90837", ""): "180.00"})
    b.scrub_clean(tenant.b, [w2.provider], [world.payer])
    with scoped_to(tenant.company.pk, tenant.b.pk):
        other = submitted(w2)
    with django_assert_num_queries(1):
        both = open_claim_balances([world.practice.pk, tenant.b.pk])
    assert both == {a.pk: ClaimBalance(D("200.00")), other.pk: ClaimBalance(D("180.00"))}
    assert claim_balances(world.practice.pk) == {a.pk: ClaimBalance(D("200.00"))}
    assert claim_balances(world.practice.pk, [other.pk]) == {}  # never across practices


def test_migration_0014_backfills_each_lines_claim_by_the_posting_rule(world):
    """Lines stored before 0014 had no claim: the backfill gives a tagged line its claim line's
    claim and an untagged one its entry's claim, the rule ``app.ledger`` applies when posting."""
    import importlib

    from django.db import connection

    from tests.history import rewrite_history

    mig = importlib.import_module("bhbilling.app.migrations.0014_journalline_claim")
    claim = submitted(world, payers=[world.payer, world.secondary_payer])
    import_835(world, [RemitSpec([ClaimSpec(claim.patient_control_number, "200", "0", status="4",
                                            lines=[line_spec(claim, "0", [("CO", "22", "200")])])])])
    claim.refresh_from_db()
    nxt = bill_next_payer(claim, actor=None, now=dt.datetime(2026, 6, 5, 12, tzinfo=dt.UTC))
    lines = m.JournalLine.unscoped.filter(practice_id=world.practice.pk)
    posted = dict(lines.values_list("pk", "claim_id"))
    assert set(posted.values()) == {claim.pk, nxt.pk}
    assert rewrite_history(lines, claim=None) == len(posted)
    mig.backfill(None, type("Editor", (), {"connection": connection})())
    assert dict(lines.values_list("pk", "claim_id")) == posted
    assert claim_balances(world.practice.pk) == {nxt.pk: ClaimBalance(D("200.00"))}
