"""Domain ring: booking or charging beyond an authorization's limit gives a blocking warning."""

from __future__ import annotations

import datetime as dt

from bhbilling.domain.authorizations import Frequency, UnitType, UseStatus, check_booking, units_for
from tests.unit.domain.authorizations.builders import auth, use, weekly

BILLED, SCHEDULED = UseStatus.BILLED, UseStatus.SCHEDULED
JAN5, FEB2 = dt.date(2026, 1, 5), dt.date(2026, 2, 2)


def test_allowed_booking_names_the_authorization():
    check = check_booking([auth(units=10)], weekly(JAN5, 3, BILLED), use("new", FEB2))
    assert (check.blocking, check.authorization_number, check.remaining_after, check.warnings) == (
        False, "PA-1", 6, ())


def test_warnings_that_do_not_block():
    check = check_booking([auth(units=10)], weekly(JAN5, 8, BILLED), use("new", dt.date(2026, 3, 23)))
    assert not check.blocking
    assert check.warnings == ("1 unit(s) left on authorization PA-1 after this session",
                              "authorization PA-1 is 9 of 10 units committed",
                              "authorization PA-1 expires on 2026-03-31")


def test_beyond_the_limit_blocks():
    check = check_booking([auth(units=3)], weekly(JAN5, 3, SCHEDULED), use("new", FEB2))
    assert (check.blocking, check.authorization_number, check.remaining_after) == (True, "PA-1", -1)
    assert check.warnings == (
        "beyond the limit: 0 visit unit(s) left on authorization PA-1, this session needs 1",)


def test_fifteen_minute_units_from_minutes():
    a = auth(units=8, unit_type=UnitType.MINUTES_15)
    existing = [use("a", JAN5, BILLED, units=units_for(UnitType.MINUTES_15, 53))]  # 4 units
    fits = check_booking([a], existing, use("b", JAN5, units=units_for(UnitType.MINUTES_15, 60)))
    assert (fits.blocking, fits.remaining_after) == (False, 0)
    too_long = check_booking([a], existing, use("b", JAN5, units=units_for(UnitType.MINUTES_15, 68)))
    assert too_long.blocking and "needs 5" in too_long.warnings[0]


def test_second_authorization_takes_over_when_the_first_is_full():
    early = auth("PA-EARLY", units=2, end=dt.date(2026, 2, 28))
    late = auth("PA-LATE", units=10, end=dt.date(2026, 6, 30))
    check = check_booking([early, late], weekly(JAN5, 2, BILLED), use("new", FEB2))
    assert (check.blocking, check.authorization_number, check.remaining_after) == (False, "PA-LATE", 9)


def test_frequency_cap_blocks_a_second_session_in_the_week():
    a = auth(units=20, frequency=Frequency(1, "week"))
    monday = [use("mon", dt.date(2026, 1, 5), SCHEDULED)]
    same_week = check_booking([a], monday, use("thu", dt.date(2026, 1, 8)))
    assert same_week.blocking and same_week.warnings == (
        "frequency limit reached: authorization PA-1 allows 1 per week",)
    assert not check_booking([a], monday, use("next", dt.date(2026, 1, 12))).blocking
    assert not check_booking([a], monday, use("mon", dt.date(2026, 1, 8))).blocking  # moving the same session


def test_no_authorization_blocks_with_the_reason():
    a = auth(units=10, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    cases = {
        use("n", dt.date(2026, 2, 2)): "authorization PA-1 ended on 2026-01-31",
        use("n", dt.date(2025, 12, 29)):
            "no authorization covers 2025-12-29; PA-1 runs 2026-01-01 to 2026-01-31",
        use("n", dt.date(2026, 1, 5), code="96130"): "no authorization on file covers 96130 for this payer",
        use("n", dt.date(2026, 1, 5), number="PA-9"): "authorization PA-9 does not cover 90837",
    }
    for booking, reason in cases.items():
        check = check_booking([a], [], booking)
        assert (check.blocking, check.warnings) == (True, (reason,))


def test_payers_without_authorization_requirements_do_not_block():
    check = check_booking([], [], use("n", dt.date(2026, 1, 5)), requires_authorization=False)
    assert (check.blocking, check.authorization_number, check.warnings) == (False, "", ())
