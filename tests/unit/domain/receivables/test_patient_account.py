"""Statement lines, credits applied oldest first and aging, with hand-worked numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.domain.receivables.patient_account import Movement, ServiceFacts, summarize

D = Decimal
d = dt.date


def service(key, dos, charge, paid, pending="0.00"):
    return ServiceFacts(key, dos, "Ada Lovelace, LCSW", ("90837 (psychotherapy, 60 min)",), (key,),
                        D(charge), D(paid), D(pending))


SERVICES = [service("A", d(2026, 3, 2), "200.00", "140.00"),
            service("B", d(2026, 4, 6), "150.00", "90.00"),
            service("C", d(2026, 5, 4), "200.00", "100.00", pending="50.00")]
MOVES = [
    Movement(d(2026, 3, 20), D("20.00"), "A", True),   # payer moved $20 coinsurance to the patient
    Movement(d(2026, 4, 1), D("-10.00"), "A"),          # patient paid $10 on that claim
    Movement(d(2026, 4, 25), D("30.00"), "B", True),
    Movement(d(2026, 5, 1), D("-25.00"), None),         # $25 paid on account
    Movement(d(2026, 5, 10), D("-5.00"), "B"),          # $5 courtesy credit on B
    Movement(d(2026, 5, 20), D("50.00"), "C", True),    # C: one line paid, one still with payer
]


def test_lines_add_up_to_the_ledger_balance_with_credits_applied_oldest_first():
    s = summarize(SERVICES, MOVES, d(2026, 7, 1))
    # nets: A 10, B 25, C 50; the $25 on account clears A's 10 then 15 of B
    assert s.balance == D("60.00") == sum(m.amount for m in MOVES)
    assert [ln.service for ln in s.lines] == ["B", "C"]
    b, c = s.lines
    assert (b.charge, b.insurance_paid, b.adjustments, b.insurance_pending, b.your_payments,
            b.you_owe) == (D("150.00"), D("90.00"), D("30.00"), D("0.00"), D("20.00"), D("10.00"))
    assert (c.charge, c.insurance_paid, c.adjustments, c.insurance_pending, c.your_payments,
            c.you_owe) == (D("200.00"), D("100.00"), D("0.00"), D("50.00"), D("0.00"), D("50.00"))
    for ln in s.lines:  # every line adds up
        assert ln.charge - ln.insurance_paid - ln.adjustments - ln.insurance_pending \
            - ln.your_payments == ln.you_owe
    assert sum(ln.you_owe for ln in s.lines) == s.balance
    assert s.credit == D("0.00")
    assert s.insurance_paid == D("190.00")


def test_aging_counts_from_the_day_the_amount_became_the_patients():
    s = summarize(SERVICES, MOVES, d(2026, 7, 1))
    # B's $10 was posted 04/25 (67 days), C's $50 on 05/20 (42 days)
    assert s.aging == (("0-30", D("0.00")), ("31-60", D("50.00")), ("61-90", D("10.00")),
                       ("91-120", D("0.00")), ("120+", D("0.00")))


def test_within_a_service_payments_settle_its_oldest_amount_first():
    moves = [Movement(d(2026, 1, 10), D("20.00"), "A", True),
             Movement(d(2026, 3, 1), D("30.00"), "A", True),
             Movement(d(2026, 3, 15), D("-25.00"), "A")]
    s = summarize(SERVICES[:1], moves, d(2026, 4, 1))
    assert s.balance == D("25.00")
    assert dict(s.aging) == {"0-30": D("0.00"), "31-60": D("25.00"), "61-90": D("0.00"),
                             "91-120": D("0.00"), "120+": D("0.00")}


def test_an_overpaid_account_leaves_a_credit_and_no_lines():
    moves = [Movement(d(2026, 3, 20), D("30.00"), "A", True),
             Movement(d(2026, 4, 1), D("-100.00"), None)]
    s = summarize(SERVICES, moves, d(2026, 5, 1))
    assert (s.balance, s.credit, s.lines) == (D("-70.00"), D("70.00"), ())
    assert all(amount == D("0.00") for _, amount in s.aging)


def test_an_overpaid_service_pays_the_others():
    moves = [Movement(d(2026, 3, 20), D("20.00"), "A", True),
             Movement(d(2026, 4, 1), D("-35.00"), "A"),
             Movement(d(2026, 4, 25), D("30.00"), "B", True)]
    s = summarize(SERVICES, moves, d(2026, 5, 1))
    assert [(ln.service, ln.you_owe, ln.your_payments) for ln in s.lines] == [
        ("B", D("15.00"), D("15.00"))]
    assert s.balance == D("15.00")


def test_a_charge_on_account_not_tied_to_a_service_is_its_own_line():
    moves = [Movement(d(2026, 3, 1), D("-50.00"), None), Movement(d(2026, 3, 5), D("80.00"), None)]
    s = summarize([], moves, d(2026, 3, 31))
    assert [(ln.description, ln.you_owe) for ln in s.lines] == [
        ("Other charges on your account", D("30.00"))]
    assert s.balance == D("30.00")
