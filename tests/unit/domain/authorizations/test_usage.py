"""Domain ring: authorization burn-down by scheduling, billing, voiding and expiry."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from bhbilling.domain.authorizations import UseStatus, allocate
from tests.unit.domain.authorizations.builders import auth, use, weekly

BILLED, SCHEDULED, VOIDED, CANCELLED = (UseStatus.BILLED, UseStatus.SCHEDULED, UseStatus.VOIDED,
                                        UseStatus.CANCELLED)


def test_scheduled_sessions_are_pending_and_billed_ones_used():
    uses = weekly(dt.date(2026, 1, 5), 4, BILLED, "b") + weekly(dt.date(2026, 2, 2), 3, SCHEDULED)
    usage = allocate([auth(units=10)], uses).usage("PA-1")
    assert (usage.used, usage.pending, usage.committed, usage.remaining) == (4, 3, 7, 3)


def test_billing_a_scheduled_session_moves_units_from_pending_to_used():
    before = [use("s1", dt.date(2026, 1, 5)), use("s2", dt.date(2026, 1, 12))]
    after = [dataclasses.replace(before[0], status=BILLED), before[1]]
    assert allocate([auth()], before).usage("PA-1").pending == 2
    moved = allocate([auth()], after).usage("PA-1")
    assert (moved.used, moved.pending) == (1, 1)
    assert allocate([auth()], after).usage("PA-1").remaining == 8


def test_voided_claims_and_cancelled_sessions_give_units_back():
    uses = [use("a", dt.date(2026, 1, 5), BILLED), use("b", dt.date(2026, 1, 12), VOIDED),
            use("c", dt.date(2026, 1, 19), CANCELLED)]
    usage = allocate([auth(units=3)], uses).usage("PA-1")
    assert (usage.used, usage.pending, usage.remaining) == (1, 0, 2)
    assert [u.key for u in usage.uses] == ["a"]


def test_fifteen_minute_units_burn_by_units():
    uses = [use("a", dt.date(2026, 1, 5), BILLED, units=4), use("b", dt.date(2026, 1, 6), units=3)]
    assert allocate([auth(units=16)], uses).usage("PA-1").remaining == 9


def test_expiry():
    a = auth(units=10, end=dt.date(2026, 1, 31))
    uses = [use("in", dt.date(2026, 1, 30)), use("after", dt.date(2026, 2, 2))]
    result = allocate([a], uses)
    usage = result.usage("PA-1")
    assert (usage.pending, usage.remaining, [u.key for u in result.unauthorized]) == (1, 9, ["after"])
    assert usage.expired(dt.date(2026, 2, 1)) and not usage.expired(dt.date(2026, 1, 31))


def test_two_overlapping_authorizations_earliest_expiry_first():
    early = auth("PA-EARLY", units=2, end=dt.date(2026, 2, 28))
    late = auth("PA-LATE", units=10, start=dt.date(2026, 2, 1), end=dt.date(2026, 6, 30))
    uses = weekly(dt.date(2026, 2, 2), 4, SCHEDULED)
    result = allocate([late, early], uses)
    assert [u.key for u in result.usage("PA-EARLY").uses] == ["s0", "s1"]  # would lapse first
    assert [u.key for u in result.usage("PA-LATE").uses] == ["s2", "s3"]  # early one full
    assert result.drawn_from("s3") == "PA-LATE" and result.over_limit == ()
    voided = [dataclasses.replace(uses[0], status=VOIDED), *uses[1:]]
    again = allocate([late, early], voided)
    assert [u.key for u in again.usage("PA-EARLY").uses] == ["s1", "s2"]  # the void freed a unit


def test_a_claim_carrying_ref_g1_draws_from_that_authorization():
    early = auth("PA-EARLY", units=5, end=dt.date(2026, 2, 28))
    late = auth("PA-LATE", units=5, end=dt.date(2026, 6, 30))
    result = allocate([early, late], [use("c", dt.date(2026, 2, 2), BILLED, number="PA-LATE")])
    assert result.drawn_from("c") == "PA-LATE" and result.usage("PA-EARLY").used == 0
    wrong = allocate([early], [use("c", dt.date(2026, 2, 2), BILLED, number="PA-NONE")])
    assert [u.key for u in wrong.unauthorized] == ["c"]


def test_over_the_limit_is_reported_not_hidden():
    result = allocate([auth(units=2)], weekly(dt.date(2026, 1, 5), 3, BILLED))
    assert result.usage("PA-1").remaining == -1 and [u.key for u in result.over_limit] == ["s2"]


@pytest.mark.parametrize("bad", [
    use("x", dt.date(2026, 1, 5), code="90791"),  # code not authorized
    use("x", dt.date(2025, 12, 31)),  # before the start
    use("x", dt.date(2026, 1, 5), payer="OTHER"),  # another payer's session
])
def test_unauthorized_sessions(bad):
    result = allocate([auth()], [bad])
    assert result.unauthorized == (bad,) and result.usage("PA-1").committed == 0


def test_result_does_not_depend_on_input_order():
    early = auth("PA-EARLY", units=3, end=dt.date(2026, 2, 28))
    late = auth("PA-LATE", units=10, end=dt.date(2026, 6, 30))
    uses = weekly(dt.date(2026, 1, 5), 6, BILLED, "b") + weekly(dt.date(2026, 2, 16), 6, SCHEDULED)
    expected = allocate([early, late], uses)
    shuffled = uses[:]
    random.Random(7).shuffle(shuffled)
    assert allocate([late, early], shuffled) == expected


def test_authorization_numbers_must_be_unique():
    with pytest.raises(ValueError, match="unique"):
        allocate([auth(), auth()], [])
