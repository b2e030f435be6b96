"""What a report is about: practices, optional payer and provider, a date range, and "today".

Every report query takes one ``ReportFilters``; the dashboard, the exports, the CLI and the
monthly PDF build it from their own inputs, so the same filter always means the same rows.
``practice_ids`` is always explicit: the caller has already limited it to the practices the
user may see (tenancy), and no query reads outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["KpiValue", "Parts", "ReportFilters"]

# A KPI before division: (numerator, denominator), both Decimal.
Parts = tuple[Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class ReportFilters:
    practice_ids: tuple[int, ...]
    start: dt.date
    end: dt.date  # inclusive
    today: dt.date
    payer_id: int | None = None
    provider_id: int | None = None

    def __post_init__(self) -> None:
        if not self.practice_ids:
            raise ValueError("a report needs at least one practice")
        if self.end < self.start:
            raise ValueError(f"report range ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True, slots=True)
class KpiValue:
    """One KPI's figure with what it is made of, its benchmark and where the benchmark is from.

    ``value`` is None when the denominator is zero (shown as "n/a", never as 0 %).
    ``status`` compares the value with the benchmark: "good", "watch" or "bad" ("" when n/a).
    """

    key: str
    label: str
    value: Decimal | None
    unit: str  # "%", "days", "$"
    numerator: Decimal
    denominator: Decimal
    formula: str
    benchmark: str
    source: str
    status: str
