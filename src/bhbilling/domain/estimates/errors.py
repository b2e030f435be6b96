"""Errors of the Good Faith Estimate rules: each names the field and what was expected."""

from __future__ import annotations

from bhbilling.kernel.errors import BhBillingError

__all__ = ["EstimateError", "MissingFee", "PeriodTooLong"]


class EstimateError(BhBillingError):
    """The estimate's facts break a rule; the message names the field and what is expected."""


class MissingFee(EstimateError):
    """The self-pay fee schedule has no rate for a code the estimate expects."""

    def __init__(self, code: str, modifiers: tuple[str, ...] = ()) -> None:
        shown = "-".join((code, *modifiers))
        self.code = code
        self.modifiers = modifiers
        super().__init__(f"code {shown}: no self-pay rate in the practice's fee schedule (the "
                         "schedule with no payer) in force on the period start; add the rate "
                         "before estimating")


class PeriodTooLong(EstimateError):
    """One estimate covers at most 12 months of recurring services."""
