"""Payment plan schedules (cents exact, month ends) and status from payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.domain.receivables.plans import (
    DEFAULT_AFTER_MISSED,
    PlanRefused,
    check_plan,
    plan_status,
    schedule,
)

D = Decimal


def test_last_installment_takes_the_remainder_to_the_cent():
    # $250.00 at $60.00: 60 + 60 + 60 + 60 + 10.00
    plan = schedule(D("250.00"), D("60.00"), dt.date(2026, 3, 1), 15)
    assert [i.amount for i in plan] == [D("60.00")] * 4 + [D("10.00")]
    assert sum(i.amount for i in plan) == D("250.00")
    assert [i.due_on for i in plan] == [dt.date(2026, 3, 15), dt.date(2026, 4, 15),
                                        dt.date(2026, 5, 15), dt.date(2026, 6, 15),
                                        dt.date(2026, 7, 15)]


def test_odd_cents_and_an_exact_division():
    plan = schedule(D("100.01"), D("33.33"), dt.date(2026, 1, 1), 1)
    assert [i.amount for i in plan] == [D("33.33"), D("33.33"), D("33.33"), D("0.02")]
    assert [i.amount for i in schedule(D("90.00"), D("30.00"), dt.date(2026, 1, 1), 1)] == \
        [D("30.00")] * 3


def test_first_due_day_is_on_or_after_the_start_and_month_ends_are_clamped():
    plan = schedule(D("90.00"), D("30.00"), dt.date(2026, 1, 31), 31)
    assert [i.due_on for i in plan] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28),
                                        dt.date(2026, 3, 31)]
    later = schedule(D("60.00"), D("30.00"), dt.date(2026, 12, 20), 5)
    assert [i.due_on for i in later] == [dt.date(2027, 1, 5), dt.date(2027, 2, 5)]


def test_plan_checks_name_the_field_and_limit():
    assert check_plan("120.00", "40.00", 10, balance=D("150.00")) == (D("120.00"), D("40.00"))
    with pytest.raises(PlanRefused, match=r"total: a plan can cover at most the balance of \$100.00"):
        check_plan("120.00", "40.00", 10, balance=D("100.00"))
    with pytest.raises(PlanRefused, match=r"installment: expected more than \$0.00"):
        check_plan("100.00", "0", 10, balance=D("100.00"))
    with pytest.raises(PlanRefused, match="day of month: expected 1 to 31, got 0"):
        check_plan("100.00", "10.00", 0, balance=D("100.00"))
    with pytest.raises(PlanRefused, match="installment: expected at most the total"):
        check_plan("100.00", "150.00", 1, balance=D("100.00"))
    with pytest.raises(PlanRefused, match="more than 120 months"):
        check_plan("1000.00", "1.00", 1, balance=D("1000.00"))


PLAN = schedule(D("150.00"), D("50.00"), dt.date(2026, 3, 1), 10)  # 3/10, 4/10, 5/10


def test_status_current_on_the_due_day_and_behind_the_day_after():
    assert plan_status(PLAN, [], dt.date(2026, 3, 10)).state == "current"
    late = plan_status(PLAN, [], dt.date(2026, 3, 11))
    assert (late.state, late.missed, late.past_due) == ("behind", 1, D("50.00"))
    assert late.next_installment.due_on == dt.date(2026, 4, 10)
    assert late.amount_due_next == D("100.00")  # past due + next installment


def test_status_paid_partial_and_default_after_two_missed():
    on_time = plan_status(PLAN, [D("50.00")], dt.date(2026, 4, 1))
    assert (on_time.state, on_time.missed, on_time.remaining) == ("current", 0, D("100.00"))
    short = plan_status(PLAN, [D("30.00")], dt.date(2026, 3, 20))
    assert (short.state, short.past_due) == ("behind", D("20.00"))
    assert DEFAULT_AFTER_MISSED == 2
    defaulted = plan_status(PLAN, [D("50.00")], dt.date(2026, 5, 11))
    assert (defaulted.state, defaulted.missed) == ("defaulted", 2)
    lenient = plan_status(PLAN, [D("50.00")], dt.date(2026, 5, 11), default_after=3)
    assert lenient.state == "behind"
    done = plan_status(PLAN, [D("100.00"), D("50.00")], dt.date(2026, 3, 15))
    assert (done.state, done.remaining, done.next_installment) == ("paid", D("0.00"), None)
