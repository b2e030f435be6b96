"""Worklist alerts from authorization balances, at thresholds the practice sets.

Defaults (behavioral-health-billing.md section 9: warn at 80 % consumption, block past
the end date): 80 % of the units committed (used + pending), 2 units or fewer left, 14
days or fewer to expiry. Kinds, most urgent first:
- over_limit: sessions booked or billed beyond the units (CARC 198 ahead), blocking;
- unauthorized: a session no authorization covers (CARC 197 ahead), blocking;
- exhausted: no unit left; units_left: at or under the threshold;
- percent_used: at or over the threshold share of units committed;
- expiring: the end date is within the threshold; expired: it passed within the
  threshold (so a lapse stays on the worklist for a while after it happens).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain.authorizations.usage import Allocation, Usage

__all__ = ["Alert", "Thresholds", "alerts"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    percent_used: Decimal = Decimal("0.8")
    units_left: int = 2
    days_to_expiry: int = 14


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    authorization_number: str
    payer: str
    message: str
    blocking: bool = False
    session_key: str = ""


def _balance(usage: Usage, on: dt.date, limits: Thresholds) -> list[Alert]:
    auth = usage.authorization
    out: list[Alert] = []

    def add(kind: str, message: str, blocking: bool = False) -> None:
        out.append(Alert(kind, auth.number, auth.payer, message, blocking))

    unit = auth.unit_type.value
    if usage.remaining < 0:
        add("over_limit", f"{-usage.remaining} {unit} unit(s) booked or billed beyond the "
                          f"{auth.units} approved", blocking=True)
    elif usage.remaining == 0 and auth.units > 0:
        add("exhausted", f"all {auth.units} {unit} unit(s) used or booked")
    elif usage.remaining <= limits.units_left:
        add("units_left", f"{usage.remaining} {unit} unit(s) left of {auth.units}")
    if auth.units and usage.remaining >= 0 and Decimal(usage.committed) >= limits.percent_used * auth.units:
        share = (Decimal(usage.committed) * 100 / auth.units).quantize(Decimal(1))
        add("percent_used", f"{share}% of the units used or booked "
                            f"({usage.used} used, {usage.pending} pending)")
    days = auth.days_left(on)
    if 0 <= days <= limits.days_to_expiry:
        add("expiring", f"expires on {auth.end} ({days} day(s)); {max(usage.remaining, 0)} unit(s) left")
    elif -limits.days_to_expiry <= days < 0:
        add("expired", f"expired on {auth.end}; {max(usage.remaining, 0)} unit(s) lapsed")
    return out


def alerts(allocation: Allocation, on: dt.date, limits: Thresholds | None = None) -> list[Alert]:
    """Every alert for the allocation on `on`, blocking ones first."""
    limits = limits or Thresholds()
    out: list[Alert] = []
    for usage in allocation.usages:
        if usage.authorization.days_left(on) < -limits.days_to_expiry and usage.remaining >= 0:
            continue  # long expired and never overdrawn: nothing left to act on
        out += _balance(usage, on, limits)
    for use in allocation.unauthorized:
        out.append(Alert("unauthorized", "", use.payer,
                         f"no authorization covers {use.code} on {use.on}", True, use.key))
    return sorted(out, key=lambda a: not a.blocking)
