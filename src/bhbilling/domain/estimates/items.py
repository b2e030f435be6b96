"""The itemized expected charges: sessions of each code at the practice's self-pay fee.

45 CFR 149.610(a)(2)(v) defines the expected charge for an uninsured or self-pay patient
as the cash rate the provider set for such patients; the practice's standard schedule
(the fee schedule with no payer) holds it. A code's fee is the rate for its sorted
modifiers when the schedule prices that combination, else the code's base rate, as claim
lines are priced (``domain.coding.fees``). Line total = fee x units x sessions, Decimal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain.estimates.errors import EstimateError, MissingFee

__all__ = ["EstimateLine", "ExpectedService", "estimate_total", "price_services"]

CENT = Decimal("0.01")
Fees = Mapping[tuple[str, tuple[str, ...]], Decimal]


@dataclass(frozen=True, slots=True)
class ExpectedService:
    """What the provider expects to furnish: ``sessions`` times the code (``units`` each)."""

    code: str
    modifiers: tuple[str, ...] = ()
    sessions: int = 1
    units: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class EstimateLine:
    code: str
    label: str
    modifiers: tuple[str, ...]
    units: Decimal
    fee: Decimal
    sessions: int

    @property
    def total(self) -> Decimal:
        return (self.fee * self.units * self.sessions).quantize(CENT)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape kept on the estimate (money and units as strings)."""
        return {"code": self.code, "label": self.label, "modifiers": list(self.modifiers),
                "units": str(self.units), "fee": str(self.fee), "sessions": self.sessions,
                "total": str(self.total)}

    @classmethod
    def from_dict(cls, row: Mapping[str, object]) -> EstimateLine:
        return cls(str(row["code"]), str(row.get("label") or ""), tuple(row.get("modifiers") or ()),
                   Decimal(str(row.get("units", "1"))), Decimal(str(row["fee"])), int(row["sessions"]))


def _fee(fees: Fees, code: str, modifiers: tuple[str, ...]) -> Decimal:
    fee = fees.get((code, tuple(sorted(modifiers)))) if modifiers else None
    if fee is None:
        fee = fees.get((code, ()))
    if fee is None:
        raise MissingFee(code, modifiers)
    return Decimal(fee)


def price_services(expected: Iterable[ExpectedService], fees: Fees,
                   label: Callable[[str], str] = lambda code: "") -> tuple[EstimateLine, ...]:
    """One line per expected service, priced from ``fees`` ((code, sorted modifiers) -> fee)."""
    lines = []
    for item in expected:
        code = item.code.strip().upper()
        mods = tuple(m.strip().upper() for m in item.modifiers if m.strip())
        if not code:
            raise EstimateError("code: expected a CPT/HCPCS code for each expected service")
        if item.sessions < 1:
            raise EstimateError(f"sessions: expected 1 or more sessions of {code}, got {item.sessions}")
        if item.units <= 0:
            raise EstimateError(f"units: expected more than 0 units of {code}, got {item.units}")
        lines.append(EstimateLine(code, label(code), mods, Decimal(item.units),
                                  _fee(fees, code, mods), item.sessions))
    if not lines:
        raise EstimateError("expected: list at least one expected service (code and sessions)")
    return tuple(lines)


def estimate_total(lines: Iterable[EstimateLine]) -> Decimal:
    return sum((line.total for line in lines), Decimal("0.00")).quantize(CENT)
