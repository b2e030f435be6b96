"""Deadlines per appeal level and reminder dates (14, 7 and 2 days before)."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.domain.appeals import (
    REMINDER_DAYS,
    first_level_deadline,
    next_level,
    reminder_dates,
    reminder_due,
    reminders,
)

d = dt.date


def test_first_level_uses_the_denial_deadline_else_120_days_from_the_remittance():
    assert first_level_deadline(d(2026, 8, 1), d(2026, 6, 1)) == (d(2026, 8, 1), False)
    # June 1 + 120 days: 29 (rest of June) + 31 + 31 + 29 = Sept 29
    assert first_level_deadline(None, d(2026, 6, 1)) == (d(2026, 9, 29), True)


@pytest.mark.parametrize(("kind", "days", "name"), [
    ("medicare", 180, "Request for Reconsideration (QIC)"),
    ("medicare_advantage", 60, "Second-Level Payment Dispute"),
    ("medicaid", 60, "Request for Administrative Appeal"),
    ("medicaid_mco", 60, "Second-Level Provider Appeal"),
    ("commercial", 60, "Second-Level Provider Appeal"),
    ("tricare", 60, "Request for Formal Review"),
])
def test_second_level_windows_count_from_the_first_decision(kind, days, name):
    offer = next_level(kind, 1, d(2026, 3, 1))
    assert (offer.level, offer.name) == (2, name)
    assert offer.deadline == d(2026, 3, 1) + dt.timedelta(days=days)


def test_medicare_qic_deadline_by_hand():
    # Redetermination decided 2026-03-01; 180 days: Mar 30 + Apr 30 + May 31 + Jun 30 + Jul 31
    # = 152 -> Jul 31, + 28 -> Aug 28
    assert next_level("medicare", 1, d(2026, 3, 1)).deadline == d(2026, 8, 28)


def test_profile_window_overrides_the_default_and_no_level_after_two():
    assert next_level("commercial", 1, d(2026, 3, 1), window_days=30).deadline == d(2026, 3, 31)
    assert next_level("commercial", 2, d(2026, 3, 1)) is None


def test_reminder_dates_are_14_7_and_2_days_before():
    assert REMINDER_DAYS == (14, 7, 2)
    assert reminder_dates(d(2026, 7, 1)) == [d(2026, 6, 17), d(2026, 6, 24), d(2026, 6, 29)]


def test_reminders_still_ahead_and_the_one_due():
    deadline = d(2026, 7, 1)
    assert reminders(deadline, d(2026, 6, 1)) == [d(2026, 6, 17), d(2026, 6, 24), d(2026, 6, 29)]
    assert reminders(deadline, d(2026, 6, 24)) == [d(2026, 6, 24), d(2026, 6, 29)]
    assert reminders(deadline, d(2026, 6, 30)) == []
    assert reminders(deadline, d(2026, 7, 2)) == []
    assert reminder_due(deadline, d(2026, 6, 16)) is None
    assert reminder_due(deadline, d(2026, 6, 17)) == d(2026, 6, 17)
    assert reminder_due(deadline, d(2026, 6, 23)) == d(2026, 6, 17)  # missed days stay due
    assert reminder_due(deadline, d(2026, 6, 24)) == d(2026, 6, 24)
    assert reminder_due(deadline, d(2026, 7, 1)) == d(2026, 6, 29)  # the last day still counts
    assert reminder_due(deadline, d(2026, 7, 2)) is None  # passed: nothing to remind
