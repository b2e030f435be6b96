"""Cost-sharing and limit figures read from the picked EB loops.

- Copay: EB01 B with EB07 amount (per visit, EB06 27, when the payer says so).
- Coinsurance: EB01 A with EB08 percent. The guide writes percent as a decimal fraction
  (0.2 = 20 %); a value above 1 can only be a whole percentage a payer wrote by mistake
  (a coinsurance above 100 % is impossible), so it is divided by 100 and noted.
- Deductible (EB01 C) and out-of-pocket (EB01 G): the plan amount comes from a loop whose
  EB06 states the period (23 calendar year, 22 service year, 25 contract, 32 lifetime,
  or none), the remaining amount from EB06 29 (remaining) or 33 (lifetime remaining);
  without a remaining loop, EB06 24 (year to date, i.e. met so far) gives amount - met.
  The remaining figure is taken at the same coverage level as the amount when possible.
- Visit limit: EB01 F with EB09 VS (visits) and EB10: EB06 29 means remaining, any other
  period the limit; EB09 99 (quantity used) gives visits used; an HSD*VS in the loop gives
  the limit when no EB10 does, and the period when EB06 is empty. Two of limit, used and
  remaining give the third.
"""

from __future__ import annotations

from decimal import Decimal

from bhbilling.domain.eligibility.codes import (
    REMAINING_PERIODS,
    TIME_PERIOD_LABELS,
    TOTAL_PERIODS,
    YEAR_TO_DATE_PERIODS,
)
from bhbilling.domain.eligibility.facts import BenefitFact
from bhbilling.domain.eligibility.picking import Picker
from bhbilling.domain.eligibility.summary import Accumulator, NetworkCosts, VisitLimit

__all__ = ["network_costs", "visit_limit"]

_HUNDRED = Decimal(100)


def _fraction(percent: Decimal, notes: list[str]) -> Decimal:
    if percent > 1:
        notes.append(f"coinsurance {percent} read as {percent}% (the 271 should send {percent / _HUNDRED})")
        return percent / _HUNDRED
    return percent


def _accumulator(picker: Picker, figure: str, info: str, network: str) -> Accumulator | None:
    def amounts(periods: frozenset[str]):
        return lambda b: b.info == info and b.amount is not None and b.time_period in periods

    totals = picker.pick(figure, amounts(TOTAL_PERIODS), network)
    remaining = picker.pick(f"{figure}.remaining", amounts(REMAINING_PERIODS), network)
    if not totals and not remaining:
        return None
    level = (totals or remaining)[0].coverage_level
    total = totals[0] if totals else None
    rest = next((b for b in remaining if b.coverage_level == level), remaining[0] if remaining else None)
    left = rest.amount if rest is not None else None
    if left is None and total is not None:
        met = [b for b in picker.pick(f"{figure}.year_to_date", amounts(YEAR_TO_DATE_PERIODS), network)
               if b.coverage_level == level]
        if met and total.amount is not None and met[0].amount is not None:
            left = max(total.amount - met[0].amount, Decimal(0))
    period = TIME_PERIOD_LABELS.get(total.time_period, "") if total is not None else ""
    return Accumulator(total.amount if total is not None else None, left, period, level)


def network_costs(picker: Picker, network: str, notes: list[str]) -> NetworkCosts:
    """Copay, coinsurance, deductible and out-of-pocket for one EB12 network side."""
    side = "in_network" if network == "Y" else "out_of_network"
    copays = picker.pick(f"{side}.copay", lambda b: b.info == "B" and b.amount is not None, network)
    copays.sort(key=lambda b: b.time_period not in ("27", ""))  # per-visit copay first
    coins = picker.pick(f"{side}.coinsurance", lambda b: b.info == "A" and b.percent is not None,
                        network)
    return NetworkCosts(
        copay=copays[0].amount if copays else None,
        coinsurance=_fraction(coins[0].percent, notes) if coins and coins[0].percent is not None else None,
        deductible=_accumulator(picker, f"{side}.deductible", "C", network),
        out_of_pocket=_accumulator(picker, f"{side}.out_of_pocket", "G", network),
    )


def _whole(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _visit_count(b: BenefitFact, qualifier: str = "VS") -> bool:
    """EB01 F (limitations) with a quantity of `qualifier` (VS visits, 99 quantity used)."""
    return b.info == "F" and b.quantity_qualifier == qualifier and b.quantity is not None


def _period(b: BenefitFact) -> str:
    """EB06 of the loop, or the HSD05 period of its visit pattern when EB06 is empty."""
    code = b.time_period or next((p.period for p in b.patterns if p.qualifier == "VS"), "")
    return TIME_PERIOD_LABELS.get(code, "")


def visit_limit(picker: Picker) -> VisitLimit | None:
    """Visits allowed, used and remaining (see the module docstring)."""
    limits = picker.pick("visit_limit", lambda b: _visit_count(b)
                         and b.time_period not in REMAINING_PERIODS)
    remaining = picker.pick("visit_limit.remaining", lambda b: _visit_count(b)
                            and b.time_period in REMAINING_PERIODS)
    used = picker.pick("visit_limit.used", lambda b: _visit_count(b, "99"))
    limit = _whole(limits[0].quantity) if limits else None
    period = _period(limits[0]) if limits else ""
    if limit is None:
        patterned = picker.pick("visit_limit", lambda b: any(
            p.qualifier == "VS" and p.quantity is not None for p in b.patterns))
        if patterned:
            pattern = next(p for p in patterned[0].patterns if p.qualifier == "VS")
            limit = _whole(pattern.quantity)
            period = TIME_PERIOD_LABELS.get(pattern.period, "")
    left = _whole(remaining[0].quantity) if remaining else None
    spent = _whole(used[0].quantity) if used else None
    if limit is None and left is None and spent is None:
        return None
    if spent is None and limit is not None and left is not None:
        spent = max(limit - left, 0)
    if left is None and limit is not None and spent is not None:
        left = max(limit - spent, 0)
    if limit is None and left is not None and spent is not None:
        limit = left + spent
    return VisitLimit(limit, spent, left, period)
