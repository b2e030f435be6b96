"""Payer parameters the rules read, resolved once per payer from the pack and the snapshot.

Model (most specific wins):
1. the pack's ``[params]`` defaults,
2. ``[params.kind.KIND]`` for the payer's kind (``medicare``, ``medicaid`` ...),
3. ``[params.payer.NAME]`` for the payer profile name, then the payer id,
4. numbers set on the snapshot's ``PayerRules`` (a contract's own timely-filing or
   eligibility window), which the app reads from the payer's rows.
Why data: timely-filing windows and eligibility windows differ by payer and contract
(reference §8.1, §9); a biller changes them in a TOML file, not in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

__all__ = ["PARAM_NAMES", "Params", "resolve_params"]


@dataclass(frozen=True, slots=True)
class Params:
    # Timely filing (§8.1): days from the date of service, or calendar months when set
    # (Medicare: 12 months, 42 CFR 424.44, a Feb 29 DOS falls due Feb 28).
    timely_filing_days: int = 90
    timely_filing_months: int | None = None
    timely_filing_warn_days: int = 30
    # Eligibility must have been checked at most this many days before the date of service.
    eligibility_window_days: int = 30
    # Warn when an authorization's units would be this share used after the claim (§9 [K]).
    auth_warn_ratio: Decimal = Decimal("0.8")
    # Warn when this many benefit-year visits (or fewer) are left after the claim.
    visit_warn_remaining: int = 2
    # Largest allowed difference between a line's charge and fee schedule x units.
    fee_tolerance: Decimal = Decimal("0.00")
    # A Good Faith Estimate covers recurring services for up to 12 months (§10.1 [K]).
    gfe_valid_days: int = 365


PARAM_NAMES = frozenset(f.name for f in fields(Params))
_INT_FIELDS = frozenset({"timely_filing_days", "timely_filing_months", "timely_filing_warn_days",
                         "eligibility_window_days", "visit_warn_remaining", "gfe_valid_days"})


def coerce(name: str, value: Any) -> Any:
    """Check and convert one TOML value; ValueError says what was expected."""
    if name in _INT_FIELDS:
        if name == "timely_filing_months" and value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("expected a whole number of 0 or more")
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError('expected a decimal written as a string, e.g. "0.8"')
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValueError('expected a decimal written as a string, e.g. "0.8"') from None
    if not number.is_finite() or number < 0:
        raise ValueError("expected a finite decimal of 0 or more")
    return number


def resolve_params(
    base: Params,
    layers: tuple[Mapping[str, Any], ...],
    timely_filing_days: int | None,
    eligibility_window_days: int | None,
) -> Params:
    """Apply the pack's layers in order, then the snapshot's own numbers."""
    values: dict[str, Any] = {}
    for layer in layers:
        values.update(layer)
    if timely_filing_days is not None:
        values["timely_filing_days"] = timely_filing_days
        values["timely_filing_months"] = None  # a contract in days replaces a months rule
    if eligibility_window_days is not None:
        values["eligibility_window_days"] = eligibility_window_days
    return replace(base, **values) if values else base
