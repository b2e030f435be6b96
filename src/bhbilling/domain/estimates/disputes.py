"""Patient-provider dispute resolution (45 CFR 149.620; reference §10.1).

An uninsured or self-pay patient may dispute a bill when the billed charges of a provider
or facility exceed that provider's (or facility's) expected charges on the Good Faith
Estimate by $400 or more ("substantially in excess"). The comparison is per
provider, never summed across providers, so it runs on one estimate (one provider) at a
time. Exactly $400.00 over counts. The patient must start the dispute within 120 calendar
days of receiving the initial bill; the administrative fee is $25 (reference §10.1
[V: S106, S107, S214]).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

__all__ = ["DISPUTE_FEE", "DISPUTE_THRESHOLD", "DISPUTE_WINDOW_DAYS", "DisputeCheck",
           "dispute_check", "dispute_window_ends"]

DISPUTE_THRESHOLD = Decimal("400.00")
DISPUTE_WINDOW_DAYS = 120
DISPUTE_FEE = Decimal("25.00")
CENT = Decimal("0.01")


class DisputeCheck(NamedTuple):
    difference: Decimal  # billed minus estimated; negative when billed less
    eligible: bool


def dispute_check(estimate_total: Decimal, billed_total: Decimal) -> DisputeCheck:
    """How far the bill is over the estimate, and whether that reaches $400.00 (dispute-eligible)."""
    difference = (Decimal(billed_total) - Decimal(estimate_total)).quantize(CENT)
    return DisputeCheck(difference, difference >= DISPUTE_THRESHOLD)


def dispute_window_ends(initial_bill_on: dt.date) -> dt.date:
    """The last day to start a dispute: 120 calendar days after the initial bill."""
    return initial_bill_on + dt.timedelta(days=DISPUTE_WINDOW_DAYS)
