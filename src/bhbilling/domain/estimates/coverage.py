"""Which issued estimate covers a service: the fact the scrubber's PRIV-GFE rules read.

An estimate covers a date of service when it was issued (given to the patient), is for the
same patient and the same provider (the dispute rule is per provider), and its period
contains the date. An estimate later replaced still covered the services of its period
while it was the current one, so superseded estimates count; void ones do not (the app
passes only issued or superseded estimates).

Of the covering estimates, the answer is the issue date of the newest one issued on or
before the service; when every covering estimate was issued after the service, the
earliest of them, so the rule can say "issued after the service".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["IssuedEstimate", "covering_issue_date"]


@dataclass(frozen=True, slots=True)
class IssuedEstimate:
    provider_key: int | str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date


def covering_issue_date(estimates: Iterable[IssuedEstimate], provider_key: int | str,
                        service_on: dt.date) -> dt.date | None:
    """The issue date the scrubber should see for this provider's service, or None."""
    dates = [e.issued_on for e in estimates
             if e.provider_key == provider_key and e.period_start <= service_on <= e.period_end]
    before = [d for d in dates if d <= service_on]
    if before:
        return max(before)
    return min(dates) if dates else None
