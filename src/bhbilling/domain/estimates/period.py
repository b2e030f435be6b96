"""How long one Good Faith Estimate may run: up to 12 months of recurring services.

Reference §10.1 [K — 45 CFR 149.610]: an estimate for recurring services (weekly therapy)
may cover up to 12 months; past that a new estimate is issued. We read "12 months" as
ending the day before the start's anniversary: a period from 2026-01-01 may end
2026-12-31, one from 2026-03-15 may end 2027-03-14. The anniversary of 29 February in a
common year is 1 March, so a period from 2028-02-29 may end 2029-02-28.
"""

from __future__ import annotations

import datetime as dt

from bhbilling.domain.estimates.errors import EstimateError, PeriodTooLong

__all__ = ["MONTHS", "check_period", "max_period_end"]

MONTHS = 12


def _anniversary(start: dt.date) -> dt.date:
    try:
        return start.replace(year=start.year + 1)
    except ValueError:  # 29 February -> 1 March of the common year after
        return dt.date(start.year + 1, 3, 1)


def max_period_end(start: dt.date) -> dt.date:
    """The last day one estimate starting on ``start`` may cover (12 months less a day)."""
    return _anniversary(start) - dt.timedelta(days=1)


def check_period(start: dt.date, end: dt.date) -> None:
    """Raise when the period is out of order or longer than 12 months."""
    if end < start:
        raise EstimateError(f"period_end: expected on or after the period start {start.isoformat()}, "
                            f"got {end.isoformat()}")
    limit = max_period_end(start)
    if end > limit:
        raise PeriodTooLong(f"period_end: one Good Faith Estimate covers at most {MONTHS} months; "
                            f"from {start.isoformat()} the period may end {limit.isoformat()} at the "
                            f"latest, got {end.isoformat()} (issue a new estimate for the rest)")
