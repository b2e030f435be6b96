"""Builders for authorization tests: one payer, psychotherapy codes, fixed dates."""

from __future__ import annotations

import datetime as dt

from bhbilling.domain.authorizations import (
    Authorization,
    Frequency,
    ServiceUse,
    UnitType,
    UseStatus,
    expand_codes,
)

PAYER = "BHH01"
THERAPY = expand_codes(["group:psychotherapy"])
JAN1 = dt.date(2026, 1, 1)


def auth(number: str = "PA-1", units: int = 10, start: dt.date = JAN1, end: dt.date = dt.date(2026, 3, 31),
         codes: frozenset[str] = THERAPY, unit_type: UnitType = UnitType.VISIT,
         frequency: Frequency | None = None, payer: str = PAYER) -> Authorization:
    return Authorization(payer, number, codes, units, unit_type, start, end, frequency)


def use(key: str, day: dt.date, status: UseStatus = UseStatus.SCHEDULED, units: int = 1,
        code: str = "90837", number: str = "", payer: str = PAYER) -> ServiceUse:
    return ServiceUse(key, payer, code, day, units, status, number)


def weekly(first: dt.date, count: int, status: UseStatus, prefix: str = "s") -> list[ServiceUse]:
    """One 90837 a week from `first`."""
    return [use(f"{prefix}{k}", first + dt.timedelta(weeks=k), status) for k in range(count)]
