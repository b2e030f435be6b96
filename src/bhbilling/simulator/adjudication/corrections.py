"""After the payment: interest on late claims, a corrected payment, a recoupment.

Rules (005010X221A1 sections 1.10.2.5 reversals and corrections, 1.10.2.13 interest,
1.10.2.12 provider adjustments):
- interest: a claim paid later than the payer's prompt-payment days after receipt earns
  simple interest on the payment (yearly rate x days late / 365, half up to the cent),
  reported at the claim (AMT*I) and paid at the provider level (PLB L6, a negative
  amount, because PLB amounts are positive when money is taken back);
- reversal and correction: the payer takes the whole earlier payment back (CLP02 22, the
  same payer claim number, every amount negated) and pays the claim again under a new
  payer claim number, re-priced after a fee-schedule correction (allowed x the payer's
  correction factor, within the charge; the patient's share is unchanged, so the
  difference moves between CO-45 and the payment);
- recoupment: a post-payment review recovers one paid line's payment from this
  remittance (PLB WO, reference = the payer claim number).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from bhbilling.kernel.money import quantize_cents
from bhbilling.simulator.adjudication.model import ZERO, Adjustment, ClaimOutcome, LineOutcome
from bhbilling.simulator.payerbook import PayerRules

__all__ = ["corrected", "interest_due", "recoverable"]


def interest_due(paid: Decimal, received: dt.date, paid_on: dt.date, rules: PayerRules) -> Decimal:
    """Interest owed on `paid` for the days beyond the prompt-payment limit (0 if none)."""
    late = (paid_on - received).days - rules.prompt_pay_days
    if paid <= 0 or late <= 0:
        return ZERO
    return quantize_cents(paid * rules.interest_rate * late / 365)


def _repriced(line: LineOutcome, factor: Decimal) -> LineOutcome:
    if line.denied or line.allowed <= 0:
        return line
    contractual = line.amount("CO", "45")
    delta = quantize_cents(line.allowed * factor) - line.allowed
    delta = max(min(delta, contractual), -line.paid)
    if not delta:
        return line
    adjustments: list[Adjustment] = []
    for adj in line.adjustments:
        if adj.group == "CO" and adj.reason == "45":
            if adj.amount - delta:
                adjustments.append(dataclasses.replace(adj, amount=adj.amount - delta))
        else:
            adjustments.append(adj)
    if contractual == 0 and delta < 0:
        adjustments.append(Adjustment("CO", "45", -delta))
    return dataclasses.replace(line, paid=line.paid + delta, allowed=line.allowed + delta,
                               adjustments=tuple(adjustments))


def corrected(original: ClaimOutcome, icn: str, factor: Decimal, today: dt.date) -> ClaimOutcome:
    """The corrected payment that follows a reversal of `original` (see the module rules).

    The patient's share is unchanged, so it carries the original's accumulations (visit
    days, authorization units, deductible): a later void of it gives them back once.
    """
    lines = tuple(_repriced(line, factor) for line in original.lines)
    return dataclasses.replace(original, icn=icn, lines=lines, adjudicated=today, interest=ZERO,
                               notes=("corrected after a fee schedule update",))


def recoverable(outcome: ClaimOutcome) -> Decimal:
    """What a recoupment takes back: the largest line payment of the claim."""
    return max((line.paid for line in outcome.lines), default=ZERO)
