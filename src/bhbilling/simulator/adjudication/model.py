"""What the payer decided about one claim, in the 835's own terms (005010X221A1).

Model:
- `Adjustment`: one CAS triplet (group CO/PR/OA, CARC, amount, optional quantity).
- `LineOutcome`: one 2110 service line: SVC (code, modifiers, charge, paid, paid units,
  billed units), its CAS, REF*6R (our line control number), AMT*B6 allowed, LQ*HE remarks.
  Balanced by construction: charge - sum(CAS) = paid.
- `ClaimOutcome`: one 2100 claim: CLP01 our claim, CLP02 status (1/2/3 processed as
  primary/secondary/tertiary, 4 denied, 22 reversal), CLP03 charge, CLP04 paid, CLP05
  patient responsibility (the PR adjustments), CLP06 filing code, CLP07 payer claim
  number, CLP08 place of service, CLP09 frequency, AMT*I interest, plus what it consumed
  (visit days, authorization units, deductible) so a later reversal can give it back.
- `reversed()` is the CLP02 22 image: every amount negated, same payer claim number.
Money is Decimal with two places; `to_dict`/`from_dict` keep it as strings in the state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["ZERO", "Adjustment", "ClaimOutcome", "LineOutcome"]

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Adjustment:
    group: str
    reason: str
    amount: Decimal
    quantity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LineOutcome:
    number: int
    code: str
    modifiers: tuple[str, ...]
    charge: Decimal
    paid: Decimal
    units: Decimal
    paid_units: Decimal
    allowed: Decimal
    service_date: dt.date
    control_number: str
    adjustments: tuple[Adjustment, ...] = ()
    remarks: tuple[str, ...] = ()

    def amount(self, group: str, reason: str | None = None) -> Decimal:
        return sum((a.amount for a in self.adjustments
                    if a.group == group and (reason is None or a.reason == reason)), ZERO)

    @property
    def denied(self) -> bool:
        """Nothing paid and nothing left to the patient: the whole line adjusted off."""
        return self.paid == 0 and self.amount("PR") == 0


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    pcn: str
    icn: str
    status: str
    filing_code: str
    facility: str
    frequency: str
    lines: tuple[LineOutcome, ...]
    received: dt.date
    adjudicated: dt.date
    interest: Decimal = ZERO
    visit_days: tuple[str, ...] = ()
    auth_units: tuple[tuple[str, str], ...] = ()  # (authorization number, units)
    deductible: Decimal = ZERO
    oop: Decimal = ZERO
    notes: tuple[str, ...] = field(default=(), compare=False)  # why, for the run summary

    @property
    def charge(self) -> Decimal:
        return sum((line.charge for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def patient_responsibility(self) -> Decimal:
        return sum((line.amount("PR") for line in self.lines), ZERO)

    def reversed(self, when: dt.date) -> ClaimOutcome:
        """The CLP02 22 reversal of this payment: same claim numbers, amounts negated (units
        stay as paid: SVC05 counts services, the sign of SVC03 says they are taken back)."""
        lines = tuple(dataclasses.replace(
            line, charge=-line.charge, paid=-line.paid, allowed=-line.allowed,
            adjustments=tuple(dataclasses.replace(a, amount=-a.amount) for a in line.adjustments))
            for line in self.lines)
        return dataclasses.replace(self, status="22", lines=lines, adjudicated=when, interest=ZERO, notes=())

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "notes"}
        out["lines"] = [_line_dict(line) for line in self.lines]
        out["auth_units"] = [list(p) for p in self.auth_units]
        out["visit_days"] = list(self.visit_days)
        for key in ("received", "adjudicated"):
            out[key] = out[key].isoformat()
        for key in ("interest", "deductible", "oop"):
            out[key] = str(out[key])
        return out

    @staticmethod
    def from_dict(data: dict[str, Any]) -> ClaimOutcome:
        return ClaimOutcome(
            data["pcn"], data["icn"], data["status"], data["filing_code"], data["facility"],
            data["frequency"],
            tuple(_line_from(d) for d in data["lines"]), dt.date.fromisoformat(data["received"]),
            dt.date.fromisoformat(data["adjudicated"]), Decimal(data["interest"]), tuple(data["visit_days"]),
            tuple((a, u) for a, u in data["auth_units"]), Decimal(data["deductible"]), Decimal(data["oop"]))


def _line_dict(line: LineOutcome) -> dict[str, Any]:
    return {"number": line.number, "code": line.code, "modifiers": list(line.modifiers),
            "charge": str(line.charge), "paid": str(line.paid), "units": str(line.units),
            "paid_units": str(line.paid_units), "allowed": str(line.allowed),
            "service_date": line.service_date.isoformat(), "control_number": line.control_number,
            "adjustments": [[a.group, a.reason, str(a.amount),
                             None if a.quantity is None else str(a.quantity)]
                            for a in line.adjustments],
            "remarks": list(line.remarks)}


def _line_from(d: dict[str, Any]) -> LineOutcome:
    return LineOutcome(
        d["number"], d["code"], tuple(d["modifiers"]), Decimal(d["charge"]), Decimal(d["paid"]),
        Decimal(d["units"]), Decimal(d["paid_units"]), Decimal(d["allowed"]),
        dt.date.fromisoformat(d["service_date"]), d["control_number"],
        tuple(Adjustment(g, r, Decimal(a), None if q is None else Decimal(q)) for g, r, a,
              q in d["adjustments"]),
        tuple(d["remarks"]))
