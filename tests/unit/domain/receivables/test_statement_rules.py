"""Who gets a statement on a run date, and every reason a statement is held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.domain.receivables.statements import (
    DUE_AFTER_DAYS,
    STATEMENT_CYCLE_DAYS,
    AccountFacts,
    decide,
    due_on,
    next_number,
)

D = Decimal
RUN = dt.date(2026, 7, 1)
MIN = D("5.00")


def facts(balance="40.00", **kw):
    return AccountFacts(patient_id=1, balance=D(balance), **kw)


def codes(decision):
    return [h.code for h in decision.holds]


def test_a_plain_balance_gets_a_ready_statement_due_in_21_days():
    d = decide(facts(), run_date=RUN, minimum=MIN)
    assert (d.action, d.holds) == ("statement", ())
    assert DUE_AFTER_DAYS == 21 and due_on(RUN) == dt.date(2026, 7, 22)


def test_minimum_is_inclusive_and_zero_or_credit_get_no_statement():
    assert decide(facts("5.00"), run_date=RUN, minimum=MIN).action == "statement"
    below = decide(facts("4.99"), run_date=RUN, minimum=MIN)
    assert below.action == "none" and "below the statement minimum of $5.00" in below.note
    assert decide(facts("0.00"), run_date=RUN, minimum=MIN).action == "none"
    credit = decide(facts("-12.00"), run_date=RUN, minimum=MIN)
    assert credit.action == "refund_review" and "$12.00" in credit.note


def test_patient_hold_applies_before_its_end_date_and_ends_on_it():
    held = decide(facts(hold_reason="payment arrangement pending", hold_until=dt.date(2026, 7, 2)),
                  run_date=RUN, minimum=MIN)
    assert codes(held) == ["patient_hold"] and held.action == "held"
    assert "until 07/02/2026: payment arrangement pending" in held.reason_text
    ended = decide(facts(hold_reason="x", hold_until=RUN), run_date=RUN, minimum=MIN)
    assert ended.action == "statement"
    open_ended = decide(facts(hold_reason="bankruptcy"), run_date=RUN, minimum=MIN)
    assert codes(open_ended) == ["patient_hold"]


def test_insurance_pending_names_the_claims():
    d = decide(facts(claims_waiting=("P1-S1", "P1-S2", "P1-S3", "P1-S4")), run_date=RUN, minimum=MIN)
    assert codes(d) == ["insurance_pending"]
    assert "claim P1-S1, P1-S2, P1-S3 and 1 more not answered yet" in d.reason_text


def test_gfe_dispute_holds():
    assert codes(decide(facts(gfe_dispute_open=True), run_date=RUN, minimum=MIN)) == ["gfe_dispute"]


def test_statement_cycle_edges():
    assert STATEMENT_CYCLE_DAYS == 28
    recent = decide(facts(last_sent_on=RUN - dt.timedelta(days=27)), run_date=RUN, minimum=MIN)
    assert codes(recent) == ["recent_statement"]
    assert "next one from 07/02/2026" in recent.reason_text
    due = decide(facts(last_sent_on=RUN - dt.timedelta(days=28)), run_date=RUN, minimum=MIN)
    assert due.action == "statement"


def test_every_reason_is_reported_together():
    d = decide(facts(hold_reason="estate", claims_waiting=("P1-S9",), gfe_dispute_open=True,
                     last_sent_on=RUN), run_date=RUN, minimum=MIN)
    assert codes(d) == ["patient_hold", "insurance_pending", "gfe_dispute", "recent_statement"]
    assert d.reason_text.count(";") >= 3


def test_statement_numbers_count_up():
    assert next_number(None) == "ST000001"
    assert next_number("ST000041") == "ST000042"
