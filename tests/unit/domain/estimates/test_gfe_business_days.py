"""Business days: weekends and US federal holidays (with observed days) are not business days."""

import datetime as dt

import pytest

from bhbilling.domain.estimates import add_business_days, federal_holidays, holiday_name, is_business_day

D = dt.date


def test_the_eleven_federal_holidays_of_2026_and_the_observed_independence_day():
    days = federal_holidays(2026)
    assert sorted(days) == [D(2026, 1, 1), D(2026, 1, 19), D(2026, 2, 16), D(2026, 5, 25),
                            D(2026, 6, 19), D(2026, 7, 3), D(2026, 7, 4), D(2026, 9, 7),
                            D(2026, 10, 12), D(2026, 11, 11), D(2026, 11, 26), D(2026, 12, 25)]
    assert holiday_name(D(2026, 7, 3)) == "Independence Day (observed)"


@pytest.mark.parametrize(("day", "business"), [
    (D(2026, 11, 25), True),   # Wednesday before Thanksgiving
    (D(2026, 11, 26), False),  # Thanksgiving
    (D(2026, 11, 27), True),   # the day after: not a federal holiday
    (D(2026, 11, 28), False),  # Saturday
    (D(2026, 11, 29), False),  # Sunday
    (D(2026, 12, 24), True),   # Christmas Eve: not federal ("unofficial" category unused)
    (D(2026, 4, 3), True),     # Good Friday: a state holiday in some states, not federal
    (D(2026, 6, 19), False),   # Juneteenth
    (D(2027, 6, 18), False),   # Juneteenth 2027 falls on Saturday: observed Friday
    (D(2027, 12, 31), False),  # New Year's Day 2028 falls on Saturday: observed Friday before
    (D(2026, 10, 12), False),  # Columbus Day (Monday)
])
def test_business_day(day, business):
    assert is_business_day(day) is business


@pytest.mark.parametrize(("start", "n", "expected"), [
    (D(2026, 11, 25), 1, D(2026, 11, 27)),  # Wed before Thanksgiving -> Friday
    (D(2026, 11, 25), 3, D(2026, 12, 1)),   # Fri 27, Mon 30, Tue 1
    (D(2026, 3, 6), 1, D(2026, 3, 9)),      # Friday -> Monday
    (D(2026, 3, 6), 3, D(2026, 3, 11)),
    (D(2026, 3, 7), 1, D(2026, 3, 9)),      # Saturday is day 0 too: -> Monday
    (D(2026, 11, 26), 1, D(2026, 11, 27)),  # scheduled on the holiday itself
    (D(2026, 12, 23), 3, D(2026, 12, 29)),  # Thu 24, (Christmas), Mon 28, Tue 29
    (D(2026, 12, 30), 3, D(2027, 1, 5)),    # Thu 31, (New Year), Mon 4, Tue 5
    (D(2027, 12, 30), 1, D(2028, 1, 3)),    # observed New Year's Day on Fri 2027-12-31
    (D(2027, 12, 23), 3, D(2027, 12, 29)),  # observed Christmas on Fri 2027-12-24
    (D(2026, 9, 4), 1, D(2026, 9, 8)),      # Friday before Labor Day -> Tuesday
    (D(2026, 1, 17), 1, D(2026, 1, 20)),    # Saturday before MLK Day -> Tuesday
    (D(2026, 5, 22), 3, D(2026, 5, 28)),    # Friday before Memorial Day
    (D(2026, 7, 2), 1, D(2026, 7, 6)),      # Independence Day observed Fri Jul 3
    (D(2026, 11, 10), 1, D(2026, 11, 12)),  # Veterans Day (Wednesday)
    (D(2026, 3, 4), 0, D(2026, 3, 4)),
])
def test_add_business_days(start, n, expected):
    assert add_business_days(start, n) == expected


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="count"):
        add_business_days(D(2026, 3, 4), -1)
