"""Appeal deadlines and queue order (reference §8.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.domain.denials import AppealWindow, appeal_deadline, days_left, deadline_for, priority_key

D = Decimal


def test_appeal_deadline_counts_calendar_days():
    assert appeal_deadline(dt.date(2026, 6, 1), 90) == dt.date(2026, 8, 30)
    assert appeal_deadline(dt.date(2024, 2, 1), 29) == dt.date(2024, 3, 1)  # leap year
    with pytest.raises(ValueError, match="must not be negative"):
        appeal_deadline(dt.date(2026, 6, 1), -1)


def test_medicare_window_adds_the_five_day_receipt_presumption():
    window = AppealWindow(days=120, receipt_days=5, level="redetermination")
    # 2026-06-01 + 5 = 06-06 (presumed received); + 120 days = 10-04
    assert deadline_for(dt.date(2026, 6, 1), window) == dt.date(2026, 10, 4)
    assert deadline_for(dt.date(2026, 6, 1), AppealWindow(days=90)) == dt.date(2026, 8, 30)


def test_window_values_are_checked():
    with pytest.raises(ValueError, match="days >= 1"):
        AppealWindow(days=0)
    with pytest.raises(ValueError, match="receipt_days >= 0"):
        AppealWindow(days=10, receipt_days=-1)


def test_days_left():
    assert days_left(dt.date(2026, 7, 1), dt.date(2026, 6, 21)) == 10
    assert days_left(dt.date(2026, 7, 1), dt.date(2026, 7, 3)) == -2
    assert days_left(None, dt.date(2026, 7, 3)) is None


def test_priority_is_expected_dollars_then_deadline_then_age():
    soon, later = dt.date(2026, 7, 1), dt.date(2026, 9, 1)
    rows = {
        "a 200 x 0.40 = 80": priority_key(D("200.00"), D("0.40"), later, 1),
        "b 100 x 0.85 = 85": priority_key(D("100.00"), D("0.85"), None, 2),
        "c 160 x 0.50 = 80 sooner": priority_key(D("160.00"), D("0.50"), soon, 3),
        "d 80 x 1.00 = 80 no deadline": priority_key(D("80.00"), D("1.00"), None, 4),
    }
    assert sorted(rows, key=rows.get) == ["b 100 x 0.85 = 85", "c 160 x 0.50 = 80 sooner",
                                          "a 200 x 0.40 = 80", "d 80 x 1.00 = 80 no deadline"]
