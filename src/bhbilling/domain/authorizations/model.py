"""Authorizations and the sessions that draw on them, as frozen values.

Model (reference: behavioral-health-billing.md section 9; the number goes on the claim
as 837P 2300 REF*G1):
- `Authorization`: payer, number, the codes it covers (CPT/HCPCS codes, see `groups` for
  named code groups), units approved in a `UnitType` (a visit, 15 minutes, a day), the
  date range (inclusive) and an optional `Frequency` cap (e.g. 1 per week).
- `ServiceUse`: one session or claim line in its current state: scheduled (units are
  pending), billed (units are used), voided or cancelled (units given back). The app passes
  each session once, as it stands now; `authorization_number` pins a claim that already
  carries REF*G1 to that authorization.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Authorization", "Frequency", "ServiceUse", "UnitType", "UseStatus"]


class UnitType(StrEnum):
    VISIT = "visit"
    MINUTES_15 = "15min"
    DAY = "day"


class UseStatus(StrEnum):
    SCHEDULED = "scheduled"  # pending: booked, not billed yet
    BILLED = "billed"  # used: on a claim
    VOIDED = "voided"  # claim voided (837P CLM05-3 = 8): units come back
    CANCELLED = "cancelled"  # session cancelled or no-show: never drew units

    @property
    def counts(self) -> bool:
        return self in (UseStatus.SCHEDULED, UseStatus.BILLED)


@dataclass(frozen=True, slots=True)
class Frequency:
    """At most `limit` uses per calendar day, ISO week (Monday-Sunday) or calendar month."""

    limit: int
    per: str

    def __post_init__(self) -> None:
        if self.per not in ("day", "week", "month"):
            raise ValueError("frequency is per day, week or month")
        if self.limit < 1:
            raise ValueError("a frequency limit is at least 1")

    def period_of(self, day: dt.date) -> tuple[int, ...]:
        """A key shared by every date in the same day/week/month."""
        if self.per == "day":
            return (day.toordinal(),)
        if self.per == "week":
            iso = day.isocalendar()
            return (iso.year, iso.week)
        return (day.year, day.month)


@dataclass(frozen=True, slots=True)
class Authorization:
    payer: str
    number: str
    codes: frozenset[str]
    units: int
    unit_type: UnitType
    start: dt.date
    end: dt.date
    frequency: Frequency | None = None

    def __post_init__(self) -> None:
        if not self.number:
            raise ValueError("an authorization needs its number (it goes on the claim as REF*G1)")
        if not self.codes:
            raise ValueError("an authorization covers at least one code")
        if self.units < 0:
            raise ValueError("units approved cannot be negative")
        if self.end < self.start:
            raise ValueError("an authorization cannot end before it starts")

    def covers(self, payer: str, code: str, day: dt.date) -> bool:
        return payer == self.payer and code in self.codes and self.start <= day <= self.end

    def days_left(self, on: dt.date) -> int:
        """Days from `on` to the last authorized day (0 on the last day, negative after)."""
        return (self.end - on).days


@dataclass(frozen=True, slots=True)
class ServiceUse:
    key: str
    payer: str
    code: str
    on: dt.date
    units: int
    status: UseStatus
    authorization_number: str = ""
    provider: str = ""

    def __post_init__(self) -> None:
        if self.units < 0:
            raise ValueError("a session cannot draw negative units")
