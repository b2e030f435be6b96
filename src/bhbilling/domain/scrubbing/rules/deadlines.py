"""Timely filing: days left to the payer's filing limit from the date of service
(reference §8.1; CARC 29, not appealable for Medicare).

- The limit is the pack's or contract's ``timely_filing_days``, or calendar months
  (``timely_filing_months``; Medicare 12 months from the date of service, 42 CFR 424.44, a
  Feb 29 date falls due Feb 28). The clock runs from the claim's first date of service
  (Part B span claims use the "from" date).
- Past the limit is an error; 30 days or fewer left (``timely_filing_warn_days``) a warning.
- Originals only: replacement and void claims (7/8) follow the payer's correction windows,
  which differ by payer (§8.2 [C]).
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import derived
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("deadlines", "deadlines")
_SELF_PAY = ("self_pay",)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Feb 29 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=8192)
def due_date(start: dt.date, months: int | None, days: int) -> dt.date:
    if months is not None:
        return add_months(start, months)
    return start + dt.timedelta(days=days)


def deadline(c, p) -> dt.date:
    return due_date(derived(c).first_day, p.timely_filing_months, p.timely_filing_days)


def _limit(p) -> str:
    if p.timely_filing_months is not None:
        return f"{p.timely_filing_months} months"
    return f"{p.timely_filing_days} days"


@RULES.rule("TF-001", ERROR, "timely filing limit passed", element="2300 CLM, DTP*472",
            fix="submit only with proof of timely filing (an earlier 999/277CA acceptance), else write off",
            reference=f"{REF}8.1 (CARC 29)", skip_payers=_SELF_PAY)
def filing_passed(c, p):
    if c.frequency_code != "1" or not c.lines:
        return None
    due = deadline(c, p)
    late = (c.as_of - due).days
    if late > 0:
        return ((f"filing limit {_limit(p)} from {derived(c).first_day.isoformat()} ended "
                 f"{due.isoformat()}, {late} day{'s' if late != 1 else ''} ago", None),)
    return None


@RULES.rule("TF-002", WARNING, "timely filing limit near", element="2300 CLM, DTP*472",
            fix="submit this claim first: the payer's filing limit is close",
            reference=f"{REF}8.1", skip_payers=_SELF_PAY)
def filing_near(c, p):
    if c.frequency_code != "1" or not c.lines:
        return None
    due = deadline(c, p)
    left = (due - c.as_of).days
    if 0 <= left <= p.timely_filing_warn_days:
        return ((f"{left} day{'s' if left != 1 else ''} left to file: limit {_limit(p)} from "
                 f"{derived(c).first_day.isoformat()} ends {due.isoformat()}", None),)
    return None
