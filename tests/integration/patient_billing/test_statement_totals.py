"""Statement totals equal the patient ledger, worked by hand through real 835s and payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app.balances import patient_balances
from bhbilling.app.ledger import account_balances
from bhbilling.app.patient_billing.account import patient_ledger
from bhbilling.app.patient_billing.payments import record_credit, record_payment
from bhbilling.app.patient_billing.snapshot import statement_pdf
from bhbilling.app.patient_billing.statements import mark_sent, run_statements
from tests.integration.patient_billing.world import NOW, answer, bill, make_world, new_patient
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal
RUN = dt.date(2026, 7, 1)


@pytest.fixture
def account(tenant, scope_a, monkeypatch):
    """Two sessions answered by the payer, then a payment, a payment on account and a credit.

    Claim 1 (DOS 05/15, $200): payer paid $140, CO-45 $40, PR-2 coinsurance $20.
    Claim 2 (DOS 05/22, $200): payer paid $100, CO-45 $40, PR-1 deductible $60.
    06/10 check $30 on claim 1; 06/12 card $25 on account; 06/15 courtesy credit $5 on claim 2.
    Ledger: +20 +60 -30 -25 -5 = $20.00 owed.
    """
    w = make_world(tenant, monkeypatch)
    w.patient = new_patient(w, first_name="Jamie", last_name="Rivera")
    w.claim1 = answer(w, bill(w, w.patient, dt.date(2026, 5, 15)), "140",
                      [("CO", "45", "40"), ("PR", "2", "20")])
    w.claim2 = answer(w, bill(w, w.patient, dt.date(2026, 5, 22)), "100",
                      [("CO", "45", "40"), ("PR", "1", "60")])
    record_payment(w.patient, D("30.00"), "check", "1042", dt.date(2026, 6, 10), claim=w.claim1,
                   actor="test", now=NOW)
    record_payment(w.patient, "25.00", "card", "ch_9Zx 4242", dt.date(2026, 6, 12), actor="test",
                   now=NOW)
    record_credit(w.patient, D("5.00"), received_on=dt.date(2026, 6, 15), claim=w.claim2,
                  note="courtesy", actor="test", now=NOW)
    return w


def test_ledger_rows_explain_each_movement_and_end_at_the_ledger_balance(account):
    w = account
    ledger = patient_ledger(w.practice.pk, w.patient)
    assert [r.amount for r in ledger.rows] == [D("20.00"), D("60.00"), D("-30.00"), D("-25.00"),
                                               D("-5.00")]
    assert [r.balance for r in ledger.rows] == [D("20.00"), D("80.00"), D("50.00"), D("25.00"),
                                                D("20.00")]
    assert ledger.balance == D("20.00") == patient_balances(w.practice.pk, [w.patient.pk])[w.patient.pk]
    first, second, pay, on_account, credit = ledger.rows
    assert first.insurance_paid == D("140.00") and second.insurance_paid == D("100.00")
    assert "paid $140.00" in first.description and "$20.00 is your share" in first.description
    assert first.claim_number == w.claim1.patient_control_number
    assert first.date_of_service == dt.date(2026, 5, 15)
    assert first.codes.startswith("90837 (")
    assert pay.description.startswith("Payment received, check 1042")
    assert on_account.claim_number == "" and "card" in on_account.description
    assert credit.description.startswith("Courtesy credit")
    assert [cp.paid for cp in ledger.claim_payments] == [D("140.00"), D("100.00")]


def test_statement_total_equals_the_ledger_and_lines_add_up(account):
    w = account
    result = run_statements(w.practice.pk, RUN, actor="test", now=NOW)
    assert [s.patient_id for s in result.ready] == [w.patient.pk] and result.held == []
    st = result.ready[0]
    snap = st.snapshot
    assert st.balance == D("20.00") == patient_ledger(w.practice.pk, w.patient).balance
    assert (snap["balance"], snap["amount_due"]) == ("20.00", "20.00")
    assert st.due_on == dt.date(2026, 7, 22) and st.number == "ST000001"
    # claim 1 nets -$10 (overpaid) and the $25 on account: $35 settles claim 2's $55 down to $20
    [line] = snap["lines"]
    assert line["claims"] == [w.claim2.patient_control_number]
    assert (line["charge"], line["insurance_paid"], line["adjustments"], line["insurance_pending"],
            line["your_payments"], line["you_owe"]) == ("200.00", "100.00", "40.00", "0.00",
                                                        "40.00", "20.00")
    assert sum(D(ln["you_owe"]) for ln in snap["lines"]) == st.balance
    # the $60 became the patient's on 06/01: 30 days old on 07/01, still in 0-30
    assert snap["aging"][0] == {"label": "0-30", "amount": "20.00"}
    assert sum(D(a["amount"]) for a in snap["aging"]) == st.balance
    assert [p["amount"] for p in snap["recent_payments"]] == ["30.00", "25.00"]


def test_statement_pdf_prints_the_snapshot(account):
    w = account
    st = run_statements(w.practice.pk, RUN, actor="test", now=NOW).ready[0]
    data = statement_pdf(st)
    text = pdf_text(data)
    assert ink_share(data) > 0.01
    for expected in (w.practice.name, "Jamie Rivera", "9 Elm St", st.number,
                     w.patient.account_number, "$20.00", "07/22/2026", "90837 (", "$100.00",
                     "PO Box 77", "Pay by check, or call the office", "Amount enclosed"):
        assert expected in text, expected


def test_a_reprint_after_a_payment_still_shows_what_was_sent(account):
    w = account
    st = run_statements(w.practice.pk, RUN, actor="test", now=NOW).ready[0]
    mark_sent(st, sent_on=RUN, actor="test")
    record_payment(w.patient, D("20.00"), "cash", "", dt.date(2026, 7, 5), actor="test", now=NOW)
    st.refresh_from_db()
    assert st.status == "sent" and st.snapshot["balance"] == "20.00"
    assert "$20.00" in pdf_text(statement_pdf(st))
    assert patient_balances(w.practice.pk, [w.patient.pk]) == {}
    books = account_balances(w.practice.pk)
    assert books["1200"] == D("0.00")
    assert books["4200"] == D("5.00")  # the courtesy credit
