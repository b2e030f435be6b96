"""Pricing of a payable line: allowed amount, contractual write-off and cost sharing.

Rules (reference doc section 8.4; 835 group codes CO/PR/OA):
- allowed = fee schedule rate per unit x units paid, never above the charge (payers pay
  the lesser of the charge and the allowed); CO-45 = charge - allowed (the contractual
  write-off, not a denial). Units beyond an authorization are cut first: their share of
  the charge is CO-198 (with the units in CAS04).
- cost sharing on the allowed amount, in the plan's order: the copay once per visit day
  (PR-3), then the deductible still open this plan year (PR-1), then coinsurance on what
  is left (PR-2, rounded half up to the cent). The out-of-pocket maximum caps the sum
  (coinsurance gives way first, then copay, then deductible).
- a secondary or tertiary claim (SBR01 S/T): what earlier payers paid on the line (2430
  SVD02) is OA-23; this payer pays the lesser of its normal benefit and what the patient
  still owes, and the rest stays PR.
paid = allowed - OA-23 - PR, so every line balances (SVC02 - CAS = SVC03).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.kernel.money import quantize_cents
from bhbilling.simulator.adjudication.model import ZERO, Adjustment, LineOutcome
from bhbilling.simulator.facts import LineFacts

__all__ = ["Benefits", "price_line"]


@dataclass(slots=True)
class Benefits:
    """The plan's cost sharing still open while one claim is priced (updated in place)."""

    copay: Decimal
    coinsurance: Decimal
    deductible_left: Decimal
    oop_left: Decimal | None
    copay_days: set[dt.date] = field(default_factory=set)
    deductible_applied: Decimal = ZERO
    oop_applied: Decimal = ZERO


def _cap(parts: dict[str, Decimal], limit: Decimal) -> dict[str, Decimal]:
    """Reduce PR parts to `limit` in total: coinsurance (2) first, then copay (3), deductible (1)."""
    excess = sum(parts.values(), ZERO) - limit
    for reason in ("2", "3", "1"):
        if excess <= 0:
            break
        cut = min(parts[reason], excess)
        parts[reason] -= cut
        excess -= cut
    return parts


def price_line(line: LineFacts, rate: Decimal, paid_units: Decimal, benefits: Benefits, *,
               charges_copay: bool, secondary: bool) -> LineOutcome:
    """The priced line (see the module rules); `benefits` is updated with what it used."""
    adjustments: list[Adjustment] = []
    remarks: tuple[str, ...] = ()
    covered = line.charge
    if paid_units < line.units:
        covered = quantize_cents(line.charge * paid_units / line.units)
        adjustments.append(Adjustment("CO", "198", line.charge - covered, line.units - paid_units))
        remarks = ("N54",)
    allowed = min(quantize_cents(rate * paid_units), covered)
    if covered > allowed:
        adjustments.append(Adjustment("CO", "45", covered - allowed))
    copay = ZERO
    if charges_copay and line.service_date not in benefits.copay_days:
        copay = min(benefits.copay, allowed)
        benefits.copay_days.add(line.service_date)
    deductible = min(benefits.deductible_left, allowed - copay)
    coinsurance = quantize_cents((allowed - copay - deductible) * benefits.coinsurance)
    parts = {"1": deductible, "3": copay, "2": coinsurance}
    if benefits.oop_left is not None:
        parts = _cap(parts, benefits.oop_left)
    prior = ZERO
    if secondary:
        prior = min(line.prior_paid, allowed)
        if prior:
            adjustments.append(Adjustment("OA", "23", prior))
        normal = allowed - sum(parts.values(), ZERO)
        still_owed = allowed - prior
        patient = still_owed - min(normal, still_owed)
        parts = _cap(parts, patient)
    for reason in ("1", "3", "2"):
        if parts[reason]:
            adjustments.append(Adjustment("PR", reason, parts[reason]))
    pr = sum(parts.values(), ZERO)
    benefits.deductible_left -= parts["1"]
    benefits.deductible_applied += parts["1"]
    benefits.oop_applied += pr
    if benefits.oop_left is not None:
        benefits.oop_left -= pr
    return LineOutcome(line.number, line.code, line.modifiers, line.charge, allowed - prior - pr, line.units,
                       paid_units, allowed, line.service_date, line.control_number, tuple(adjustments),
                       remarks)
