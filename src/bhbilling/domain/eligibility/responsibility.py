"""What the patient will likely owe for one session, from the benefit summary.

`expected_responsibility(summary, fee, in_network=True)` estimates; the 835 decides.
Assumptions, in order (each is the usual reading of a 271, none is guaranteed):
1. `fee` is the allowed amount for the session (the payer's fee schedule or the contract
   rate), not the practice's charge: cost sharing applies to the allowed amount.
2. Coverage not confirmed active on the summary's date (inactive, rejected or unknown):
   the patient owes the whole fee.
3. The deductible comes first: the part of the fee up to the deductible remaining is the
   patient's. When the 271 gives a deductible amount but no remaining figure, none of it
   is taken as met (the estimate errs toward the higher patient share).
4. Then on the rest: the copay when the payer gave one (never more than the rest), else
   coinsurance x rest, else nothing. Many copay plans waive the deductible for office
   visits, but a 271 rarely says so per service, so rule 3 still applies; once the
   deductible is met the copay alone is owed.
5. The total never exceeds the out-of-pocket remaining when the payer gave it.
Rounded to the cent, half up.
"""

from __future__ import annotations

from decimal import Decimal

from bhbilling.domain.eligibility.summary import Accumulator, BenefitSummary
from bhbilling.kernel.money import ZERO, quantize_cents, to_money

__all__ = ["expected_responsibility"]


def _left(acc: Accumulator | None) -> Decimal | None:
    if acc is None:
        return None
    if acc.remaining is not None:
        return max(acc.remaining, ZERO)
    return acc.amount


def expected_responsibility(summary: BenefitSummary, fee: Decimal | int | str,
                            in_network: bool = True) -> Decimal:
    """The patient's expected share of `fee` for one session (see the module docstring)."""
    allowed = to_money(fee)
    if allowed < 0:
        raise ValueError("the allowed fee cannot be negative")
    if summary.active is not True:
        return allowed
    costs = summary.in_network if in_network else summary.out_of_network
    deductible = min(allowed, _left(costs.deductible) or ZERO)
    rest = allowed - deductible
    if costs.copay is not None:
        share = min(costs.copay, rest)
    elif costs.coinsurance is not None:
        share = rest * costs.coinsurance
    else:
        share = ZERO
    total = quantize_cents(deductible + share)
    cap = costs.out_of_pocket.remaining if costs.out_of_pocket is not None else None
    if cap is not None:
        total = min(total, max(cap, ZERO))
    return quantize_cents(total)
