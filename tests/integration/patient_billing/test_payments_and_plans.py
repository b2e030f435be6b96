"""Each patient-side action's ledger effect, its limits, audit and tenancy; payment plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import patient_balances
from bhbilling.app.ledger import account_balances
from bhbilling.app.patient_billing.payments import (
    PaymentRefused,
    record_credit,
    record_payment,
    record_refund,
)
from bhbilling.app.patient_billing.plans import PlanRefused, cancel_plan, create_plan, plan_view
from bhbilling.app.patient_billing.statements import run_statements
from bhbilling.kernel.errors import TenantScopeError
from tests import builders as b
from tests.integration.patient_billing.world import NOW, make_world, new_patient, owes

pytestmark = pytest.mark.django_db
D = Decimal
ON = dt.date(2026, 6, 10)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch)
    w.patient = new_patient(w)
    w.claim = owes(w, w.patient, "50.00")
    return w


def _balance(w):
    return patient_balances(w.practice.pk, [w.patient.pk]).get(w.patient.pk, D("0.00"))


def test_payment_posts_cash_against_patient_ar_once_with_a_stable_key(w):
    before = account_balances(w.practice.pk)
    row = record_payment(w.patient, D("30.00"), "check", "1042", ON, claim=w.claim, actor="t", now=NOW)
    after = account_balances(w.practice.pk)
    assert after["1000"] - before["1000"] == D("30.00")
    assert after["1200"] - before["1200"] == D("-30.00")
    assert row.entry.entry_key == f"patient-payment:{row.pk}"
    assert (row.entry.claim_id, row.entry.patient_id) == (w.claim.pk, w.patient.pk)
    assert [(ln.account.code, ln.debit, ln.credit) for ln in row.entry.lines.order_by("id")] == [
        ("1000", D("30.00"), D("0.00")), ("1200", D("0.00"), D("30.00"))]
    assert _balance(w) == D("20.00")
    event = m.AuditEvent.objects.filter(object_type="patientpayment", object_id=str(row.pk)).get()
    assert (event.action, event.patient_id, event.detail) == (
        "create", w.patient.pk, {"kind": "payment", "method": "check"})


def test_refund_only_up_to_the_credit_balance(w):
    record_payment(w.patient, D("80.00"), "cash", "", ON, actor="t", now=NOW)
    assert _balance(w) == D("-30.00")
    with pytest.raises(PaymentRefused, match=r"at most the credit balance of \$30.00, got \$30.01"):
        record_refund(w.patient, "30.01", "check", "5001", ON, actor="t", now=NOW)
    assert not m.PatientPayment.objects.filter(kind="refund").exists()
    row = record_refund(w.patient, "30.00", "check", "5001", ON, actor="t", now=NOW)
    assert [(ln.account.code, ln.debit, ln.credit) for ln in row.entry.lines.order_by("id")] == [
        ("1200", D("30.00"), D("0.00")), ("1000", D("0.00"), D("30.00"))]
    assert _balance(w) == D("0.00")


def test_credit_adjusts_against_other_adjustments_and_not_beyond_the_balance(w):
    with pytest.raises(PaymentRefused, match=r"at most the balance owed of \$50.00"):
        record_credit(w.patient, "50.01", received_on=ON, actor="t", now=NOW)
    row = record_credit(w.patient, "10.00", received_on=ON, note="hardship", actor="t", now=NOW)
    assert row.entry.entry_key == f"patient-credit:{row.pk}"
    assert account_balances(w.practice.pk)["4200"] == D("10.00")
    assert _balance(w) == D("40.00")


def test_card_numbers_are_refused_and_nothing_is_stored(w):
    with pytest.raises(PaymentRefused, match="reference: looks like a full card number"):
        record_payment(w.patient, "10.00", "card", "4111-1111-1111-1111", ON, actor="t", now=NOW)
    assert not m.PatientPayment.objects.exists()
    assert not m.JournalEntry.objects.filter(entry_key__startswith="patient-").exists()


def test_other_practices_rows_are_refused(w, tenant):
    other = b.patient(tenant.b)
    with pytest.raises(TenantScopeError):
        record_payment(w.patient, "10.00", "cash", "", ON, claim=owes_elsewhere(tenant, other),
                       actor="t", now=NOW)
    assert not m.PatientPayment.unscoped.exists()


def owes_elsewhere(tenant, patient):
    return m.Claim.unscoped.create(practice=tenant.b, patient=patient,
                                   rendering_provider=b.provider(tenant.b),
                                   patient_control_number="ELSEWHERE-1", total_charge=100)


def test_plan_is_limited_to_the_balance_and_one_at_a_time(w):
    with pytest.raises(PlanRefused, match=r"total: a plan can cover at most the balance of \$50.00"):
        create_plan(w.patient, total="60.00", installment="20.00", day_of_month=15,
                    starts_on=ON, actor="t", now=NOW)
    plan = create_plan(w.patient, total="50.00", installment="20.00", day_of_month=15,
                       starts_on=ON, actor="t", now=NOW)
    with pytest.raises(PlanRefused, match="already has an active payment plan"):
        create_plan(w.patient, total="10.00", installment="5.00", day_of_month=1, starts_on=ON,
                    actor="t", now=NOW)
    view = plan_view(plan, ON)
    assert [(i.due_on, i.amount) for i in view.installments] == [
        (dt.date(2026, 6, 15), D("20.00")), (dt.date(2026, 7, 15), D("20.00")),
        (dt.date(2026, 8, 15), D("10.00"))]
    cancel_plan(plan, actor="t")
    assert create_plan(w.patient, total="10.00", installment="5.00", day_of_month=1,
                       starts_on=ON, actor="t", now=NOW).status == "active"


def test_plan_status_follows_payments_and_the_statement_asks_for_the_installment(w):
    plan = create_plan(w.patient, total="50.00", installment="20.00", day_of_month=15,
                       starts_on=ON, actor="t", now=NOW)
    record_payment(w.patient, "20.00", "cash", "", dt.date(2026, 6, 14), plan=plan, actor="t", now=NOW)
    st = run_statements(w.practice.pk, dt.date(2026, 7, 1), actor="t", now=NOW).ready[0]
    assert st.balance == D("30.00")
    assert st.snapshot["plan"] == {"id": plan.pk, "installment": "20.00", "next_due_on": "2026-07-15",
                                   "amount_due": "20.00", "past_due": "0.00",
                                   "remaining": "30.00", "state": "current"}
    assert st.snapshot["amount_due"] == "20.00"
    # July and August missed: defaulted after two, and the statement asks for everything
    late = run_statements(w.practice.pk, dt.date(2026, 8, 16), actor="t", now=NOW).ready[0]
    plan.refresh_from_db()
    assert plan.status == "defaulted"
    assert (late.snapshot["plan"], late.snapshot["amount_due"]) == (None, "30.00")
    record_payment(w.patient, "30.00", "check", "9", dt.date(2026, 8, 20), plan=plan, actor="t",
                   now=NOW)
    plan.refresh_from_db()
    assert plan.status == "completed"
