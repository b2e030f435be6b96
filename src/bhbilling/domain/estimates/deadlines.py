"""When a Good Faith Estimate is due (45 CFR 149.610(b)(1)(vi); reference §10.1).

The rule, as written:
- (A) service scheduled at least 3 business days before it is furnished: the estimate is
  due not later than 1 business day after the date of scheduling;
- (B) scheduled at least 10 business days before: not later than 3 business days after the
  date of scheduling;
- (C) requested by the patient (any cost question counts): not later than 3 business days
  after the date of the request.
Scheduled fewer than 3 business days ahead, the regulation sets no deadline at all. Many
practices still hand an estimate over before such a visit; ``deadline`` then says why there
is no due date instead of inventing one.

How days are counted (our reading, used everywhere in the product):
- The date of scheduling (or of the request) is day 0 and is never counted, whatever day
  of the week it is; "1 business day after" is the first business day after it. Scheduled
  on Wednesday 2026-11-25, the estimate is due Friday 2026-11-27 (Thanksgiving skipped);
  scheduled on a Saturday, it is due Monday (or Tuesday after a Monday holiday).
- "Scheduled at least N business days before the service" means the service falls on or
  after the N-th business day after the scheduling date: we count the business days after
  the scheduling date up to and including the service date (``lead_business_days``).
  Scheduled Monday for Thursday is 3 (Tue, Wed, Thu); Wednesday for the next Saturday is 2
  (Thu, Fri; the Saturday is not a business day), so no deadline applies.
  Counting back from the service date instead (is the scheduling date on or before the
  N-th business day before the service?) gives the same answer except when the scheduling
  or the service date is itself a weekend day or holiday; we count forward from the same
  day 0 as the due date does, so one convention serves both halves of the rule.
- (B) takes precedence over (A) when both hold (10 or more business days ahead: 3 days).

A replacement estimate (149.610(b)(1)(vii): the scope, charges, frequency or providers of
a scheduled service changed) is due no later than 1 business day before the service, so
its due date is the earlier of that day and the ordinary one; when the change comes later
than that (149.610(b)(1)(viii)), it is due on the day of the service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bhbilling.domain.estimates.business_days import (
    add_business_days,
    business_day_before,
    is_business_day,
)
from bhbilling.domain.estimates.errors import EstimateError

__all__ = ["Deadline", "Trigger", "deadline", "due_date", "lead_business_days"]

RULE = "45 CFR 149.610(b)(1)(vi)"


class Trigger(StrEnum):
    SCHEDULED = "scheduled"
    REQUEST = "request"


@dataclass(frozen=True, slots=True)
class Deadline:
    """The due date (None: the regulation sets none) and the paragraph that decided it."""

    due_on: dt.date | None
    business_days: int | None  # days allowed after day 0; None with no deadline
    paragraph: str  # "(A)", "(B)", "(C)" or "" when none applies
    reason: str
    lead: int | None = None  # business days from scheduling to the service (scheduled only)


def lead_business_days(scheduled_on: dt.date, service_on: dt.date) -> int:
    """Business days after ``scheduled_on`` up to and including ``service_on`` (0 when same day)."""
    count, day = 0, scheduled_on
    while day < service_on:
        day += dt.timedelta(days=1)
        count += is_business_day(day)
    return count


def deadline(trigger: Trigger | str, requested_on: dt.date, first_service_on: dt.date | None, *,
             replaces: bool = False) -> Deadline:
    """When the estimate must be given, with the reason (see the module note on counting)."""
    rule = _ordinary(Trigger(trigger), requested_on, first_service_on)
    if not replaces or first_service_on is None or first_service_on < requested_on:
        return rule
    last = business_day_before(first_service_on)
    before = last if last >= requested_on else first_service_on
    if rule.due_on is not None and rule.due_on <= before:
        return rule
    return Deadline(before, rule.business_days, "(vii)",
                    f"replaces an estimate for a service on {first_service_on.isoformat()}: due no later "
                    f"than 1 business day before it, or on the day when changed later (45 CFR "
                    "149.610(b)(1)(vii), (viii))", rule.lead)


def _ordinary(trigger: Trigger, requested_on: dt.date, first_service_on: dt.date | None) -> Deadline:
    if trigger is Trigger.REQUEST:
        return Deadline(add_business_days(requested_on, 3), 3, "(C)",
                        f"requested by the patient on {requested_on.isoformat()}: due within 3 "
                        f"business days of the request ({RULE}(C))")
    if first_service_on is None:
        raise EstimateError("first_service_on: a scheduled estimate needs the date of the first "
                            "scheduled service")
    if first_service_on < requested_on:
        raise EstimateError(f"first_service_on: expected on or after the scheduling date "
                            f"{requested_on.isoformat()}, got {first_service_on.isoformat()}")
    lead = lead_business_days(requested_on, first_service_on)
    if lead >= 10:
        return Deadline(add_business_days(requested_on, 3), 3, "(B)",
                        f"scheduled {lead} business days ahead (10 or more): due within 3 business "
                        f"days of scheduling ({RULE}(B))", lead)
    if lead >= 3:
        return Deadline(add_business_days(requested_on, 1), 1, "(A)",
                        f"scheduled {lead} business days ahead (3 to 9): due within 1 business day "
                        f"of scheduling ({RULE}(A))", lead)
    return Deadline(None, None, "",
                    f"scheduled {lead} business day(s) ahead (fewer than 3): the regulation sets no "
                    f"deadline; give the estimate before the service as good practice", lead)


def due_date(trigger: Trigger | str, requested_on: dt.date,
             first_service_on: dt.date | None) -> dt.date | None:
    """The regulatory due date, or None when the service was scheduled fewer than 3 business days ahead."""
    return deadline(trigger, requested_on, first_service_on).due_on
