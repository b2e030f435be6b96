"""Kernel ring: injected clocks."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bhbilling.kernel.clock import Clock, FixedClock, SystemClock


def test_system_clock_is_aware_utc():
    clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)
    assert isinstance(clock, Clock)
    assert abs(clock.today() - now.date()) <= timedelta(days=1)


def test_fixed_clock_stands_still_and_advances():
    start = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    clock = FixedClock(start)
    assert isinstance(clock, Clock)
    assert clock.now() == start
    assert clock.now() == start
    assert clock.today() == date(2026, 3, 31)
    assert clock.advance(timedelta(hours=1)) == start + timedelta(hours=1)
    assert clock.today() == date(2026, 4, 1)
    clock.advance(timedelta(days=-2))
    assert clock.today() == date(2026, 3, 30)


def test_fixed_clock_normalises_to_utc():
    eastern = timezone(timedelta(hours=-5))
    clock = FixedClock(datetime(2026, 1, 1, 20, 0, tzinfo=eastern))
    assert clock.now() == datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_fixed_clock_set_and_from_date():
    clock = FixedClock(date(2026, 6, 1))
    assert clock.today() == date(2026, 6, 1)
    clock.set(date(2027, 1, 15))
    assert clock.today() == date(2027, 1, 15)
    clock.set(datetime(2025, 12, 31, tzinfo=UTC))
    assert clock.now() == datetime(2025, 12, 31, tzinfo=UTC)


def test_local_time_zone_decides_today():
    la = ZoneInfo("America/Los_Angeles")
    clock = FixedClock(datetime(2026, 7, 1, 3, 0, tzinfo=UTC), local_tz=la)
    assert clock.today() == date(2026, 6, 30)
    assert FixedClock(date(2026, 7, 1), local_tz=la).today() == date(2026, 7, 1)


def test_fixed_clock_refuses_naive_and_wrong_types():
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(datetime(2026, 1, 1))
    with pytest.raises(TypeError):
        FixedClock("2026-01-01")
    with pytest.raises(TypeError):
        FixedClock(datetime(2026, 1, 1, tzinfo=UTC)).advance(60)
