"""Visit limits per benefit year, counted across every provider of the practice.

Why: payers cap visits per benefit year for the member, not per clinician, so a patient
seen by two therapists of the practice uses one allowance. Rules:
- The benefit year runs from the plan's anniversary (`benefit_year_start`, any year: a
  calendar-year plan gives January 1) to the day before the next one; a February 29
  anniversary falls on February 28 in other years.
- A visit is one (date, provider) pair: two codes of one session (90837 + 90785) are one
  visit, two clinicians on one day are two. Completed and billed visits are `used`,
  scheduled ones `scheduled`; cancelled, no-show and voided ones do not count.
- `remaining` = limit - used - scheduled, so the scheduler sees what is left to book.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Visit", "VisitCount", "benefit_year", "count_visits"]

USED = frozenset({"completed", "billed"})
SCHEDULED = frozenset({"scheduled"})
NOT_COUNTED = frozenset({"cancelled", "no_show", "voided"})


@dataclass(frozen=True, slots=True)
class Visit:
    on: dt.date
    provider: str
    status: str

    def __post_init__(self) -> None:
        if self.status not in USED | SCHEDULED | NOT_COUNTED:
            raise ValueError(f"visit status must be one of {sorted(USED | SCHEDULED | NOT_COUNTED)}")


@dataclass(frozen=True, slots=True)
class VisitCount:
    year_start: dt.date
    year_end: dt.date
    used: int
    scheduled: int
    by_provider: tuple[tuple[str, int], ...]
    limit: int | None = None

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.used - self.scheduled


def _anniversary(start: dt.date, year: int) -> dt.date:
    try:
        return start.replace(year=year)
    except ValueError:  # February 29 in a common year
        return dt.date(year, 2, 28)


def benefit_year(benefit_year_start: dt.date, on: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the benefit year that contains `on`."""
    begin = _anniversary(benefit_year_start, on.year)
    if begin > on:
        begin = _anniversary(benefit_year_start, on.year - 1)
    end = _anniversary(benefit_year_start, begin.year + 1) - dt.timedelta(days=1)
    return begin, end


def count_visits(visits: Sequence[Visit], *, benefit_year_start: dt.date, on: dt.date,
                 limit: int | None = None) -> VisitCount:
    """Visits of the benefit year containing `on`, across all providers."""
    begin, end = benefit_year(benefit_year_start, on)
    used: set[tuple[dt.date, str]] = set()
    booked: set[tuple[dt.date, str]] = set()
    for visit in visits:
        if not begin <= visit.on <= end or visit.status in NOT_COUNTED:
            continue
        (used if visit.status in USED else booked).add((visit.on, visit.provider))
    booked -= used  # a visit both billed and still listed as scheduled counts once
    per_provider = Counter(provider for _, provider in used | booked)
    return VisitCount(begin, end, len(used), len(booked), tuple(sorted(per_provider.items())), limit)
