"""Follow-up rules at their edges: 5 days for a 277CA, 30 for an 835, 14 idle after a
denial; a next-action date wins over everything; order is dollars, then age."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.domain.receivables.followup import FollowUpRules, Reason, priority, reasons

TODAY = dt.date(2026, 7, 1)
RULES = FollowUpRules()


def ago(days):
    return TODAY - dt.timedelta(days=days)


def why(state, moved_days, *, activity_days=None, follow_up_on=None, rules=RULES):
    moved = ago(moved_days) if moved_days is not None else None
    activity = ago(activity_days) if activity_days is not None else moved
    return reasons(state=state, last_move=moved, last_activity=activity, follow_up_on=follow_up_on,
                   today=TODAY, rules=rules)


@pytest.mark.parametrize(("state", "days", "expected"), [
    ("submitted", 4, ()), ("submitted", 5, (Reason.NO_ACK,)), ("acknowledged", 6, (Reason.NO_ACK,)),
    ("accepted", 29, ()), ("accepted", 30, (Reason.NO_PAYMENT,)),
    ("denied", 13, ()), ("denied", 14, (Reason.DENIED_IDLE,)),
    ("paid", 400, ()), ("partially_paid", 400, ()), ("draft", 400, ()),
])
def test_edges(state, days, expected):
    assert why(state, days) == expected


def test_a_recent_note_keeps_a_denial_off_the_list():
    assert why("denied", 40, activity_days=13) == ()
    assert why("denied", 40, activity_days=14) == (Reason.DENIED_IDLE,)


def test_next_action_date_wins():
    assert why("accepted", 90, follow_up_on=TODAY + dt.timedelta(days=1)) == ()
    assert why("accepted", 1, follow_up_on=TODAY) == (Reason.NEXT_ACTION,)
    assert why("partially_paid", 1, follow_up_on=ago(3)) == (Reason.NEXT_ACTION,)


def test_thresholds_are_configurable_and_checked():
    assert why("submitted", 2, rules=FollowUpRules(no_ack_days=2)) == (Reason.NO_ACK,)
    with pytest.raises(ValueError, match="no_payment_days must be 0 or more days, got -1"):
        FollowUpRules(no_payment_days=-1)


def test_no_history_is_not_due():
    assert why("submitted", None) == ()


def test_order_is_dollars_then_age_then_id():
    rows = [(D("100"), 90, 1), (D("250"), 10, 2), (D("100"), 120, 3), (D("100"), 120, 0)]
    assert [r[2] for r in sorted(rows, key=lambda r: priority(*r))] == [2, 0, 3, 1]


def test_labels():
    assert [r.label for r in Reason] == ["No 277CA acknowledgement", "No 835 answer",
                                          "Next-action date reached", "Denied, no activity"]
