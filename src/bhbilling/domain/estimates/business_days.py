"""Business days for No Surprises Act deadlines: Monday to Friday, US federal holidays excluded.

What counts as a holiday: the ``holidays`` library's United States calendar, default
("public") category, with observed days, and no state: the eleven legal public holidays of
5 U.S.C. 6103(a) (New Year's Day, Martin Luther King Jr. Day, Washington's Birthday,
Memorial Day, Juneteenth, Independence Day, Labor Day, Columbus Day, Veterans Day,
Thanksgiving, Christmas) plus the weekday on which a weekend holiday is observed (Friday
before a Saturday holiday, Monday after a Sunday one, 5 U.S.C. 6103(b) and Executive Order
11582): e.g. Friday 2026-07-03 for Independence Day 2026, Friday 2027-12-31 for New Year's
Day 2028. The library's other US categories ("government": the same days under other names;
"half_day", "unofficial": e.g. Christmas Eve, Valentine's Day) are not used, and neither are
state holidays, because the regulation names none. A practice closed on other days (a
state holiday, a snow day) is not modelled: its deadlines come out no later than ours.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

__all__ = ["add_business_days", "business_day_before", "federal_holidays", "holiday_name",
           "is_business_day"]

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _calendar(year: int) -> dict[dt.date, str]:
    us = holidays.country_holidays("US", years=year, observed=True)
    return {day: name for day, name in us.items() if day.year == year}


def federal_holidays(year: int) -> dict[dt.date, str]:
    """The year's federal holidays and observed days -> their name."""
    return dict(_calendar(year))


def holiday_name(day: dt.date) -> str | None:
    """The holiday's name when ``day`` is a federal holiday (or observed day), else None."""
    return _calendar(day.year).get(day)


def is_business_day(day: dt.date) -> bool:
    """Monday to Friday and not a federal holiday (nor the weekday it is observed on)."""
    return day.weekday() < 5 and day not in _calendar(day.year)


def add_business_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th business day after ``start`` (``start`` itself is day 0, never counted).

    ``add_business_days(Wed 2026-11-25, 1)`` is Friday 2026-11-27 (Thanksgiving skipped);
    ``count`` 0 returns ``start`` unchanged, whatever day it is.
    """
    if count < 0:
        raise ValueError(f"count: expected 0 or more business days, got {count}")
    day = start
    left = count
    while left:
        day += _ONE_DAY
        if is_business_day(day):
            left -= 1
    return day


def business_day_before(day: dt.date) -> dt.date:
    """The last business day before ``day`` (Friday before a Monday, Wednesday before Thanksgiving)."""
    day -= _ONE_DAY
    while not is_business_day(day):
        day -= _ONE_DAY
    return day
