"""Domain ring: worklist alerts at the thresholds (80 % used, 2 left, 14 days to expiry)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.domain.authorizations import Thresholds, UseStatus, alerts, allocate
from tests.unit.domain.authorizations.builders import auth, use, weekly

BILLED, SCHEDULED = UseStatus.BILLED, UseStatus.SCHEDULED
TODAY = dt.date(2026, 2, 1)


def _kinds(authorization, uses, on=TODAY, limits=None):
    return [(a.kind, a.blocking) for a in alerts(allocate([authorization], uses), on, limits)]


def test_quiet_when_far_from_every_threshold():
    assert _kinds(auth(units=10), weekly(dt.date(2026, 1, 5), 3, BILLED)) == []


def test_percent_used_counts_pending_too():
    uses = weekly(dt.date(2026, 1, 5), 4, BILLED, "b") + weekly(dt.date(2026, 2, 2), 4, SCHEDULED)
    (alert,) = [a for a in alerts(allocate([auth(units=10)], uses), TODAY) if a.kind == "percent_used"]
    assert alert.message == "80% of the units used or booked (4 used, 4 pending)"
    assert _kinds(auth(units=10), uses[:7]) == []  # 70 %


def test_units_left_exhausted_and_over_limit():
    year = auth(units=20, end=dt.date(2026, 12, 31))
    assert _kinds(year, weekly(dt.date(2026, 1, 5), 18, SCHEDULED)) == [("units_left", False),
                                                                        ("percent_used", False)]
    assert _kinds(auth(units=3), weekly(dt.date(2026, 1, 5), 3, BILLED))[0] == ("exhausted", False)
    over = alerts(allocate([auth(units=2)], weekly(dt.date(2026, 1, 5), 3, BILLED)), TODAY)
    assert (over[0].kind, over[0].blocking, over[0].message) == (
        "over_limit", True, "1 visit unit(s) booked or billed beyond the 2 approved")


def test_expiring_and_expired():
    ends_soon = auth(units=10, end=TODAY + dt.timedelta(days=14))
    assert _kinds(ends_soon, []) == [("expiring", False)]
    assert _kinds(auth(units=10, end=TODAY + dt.timedelta(days=15)), []) == []
    lapsed = alerts(allocate([auth(units=10, end=TODAY - dt.timedelta(days=3))],
                             [use("a", dt.date(2026, 1, 5), BILLED)]), TODAY)
    assert [(a.kind, a.message) for a in lapsed] == [("expired", "expired on 2026-01-29; 9 unit(s) lapsed")]
    assert _kinds(auth(units=10, end=TODAY - dt.timedelta(days=30)), []) == []


def test_sessions_without_authorization_block():
    result = allocate([auth()], [use("x", dt.date(2026, 2, 3), code="90791")])
    (alert,) = alerts(result, TODAY)
    assert (alert.kind, alert.blocking, alert.session_key) == ("unauthorized", True, "x")
    assert alert.message == "no authorization covers 90791 on 2026-02-03"


def test_thresholds_are_configurable_and_blocking_alerts_come_first():
    limits = Thresholds(percent_used=Decimal("0.5"), units_left=0, days_to_expiry=60)
    uses = [*weekly(dt.date(2026, 1, 5), 5, BILLED), use("x", dt.date(2026, 2, 3), code="90791")]
    kinds = _kinds(auth(units=10), uses, limits=limits)
    assert kinds == [("unauthorized", True), ("percent_used", False), ("expiring", False)]
