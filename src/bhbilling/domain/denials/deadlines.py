"""Appeal deadlines: the payer profile's appeal window counted from the denial's notice date.

Model (reference §8.2): Medicare redetermination requests are due within 120 days of
receiving the initial determination, and the notice is presumed received 5 days after
its date (42 CFR 405.942(a)). We take the remittance (835 BPR16 payment/notice) date as
the date of the initial determination, so a Medicare deadline is that date + 5 + 120
days. Other payers count from the notice date itself unless their profile says
otherwise (``receipt_days``). No weekend or holiday extension is added: the deadline
shown is never later than the real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["AppealWindow", "appeal_deadline", "days_left", "deadline_for"]


@dataclass(frozen=True, slots=True)
class AppealWindow:
    """A payer's first-level appeal window, from its profile ([appeals] table)."""

    days: int  # days to file the first-level appeal
    receipt_days: int = 0  # days after the notice date it is presumed received
    level: str = "appeal"  # what the payer calls the first level (redetermination, ...)
    basis: str = ""

    def __post_init__(self) -> None:
        if self.days < 1 or self.receipt_days < 0:
            raise ValueError(f"appeal window needs days >= 1 and receipt_days >= 0, got "
                             f"{self.days} and {self.receipt_days}")


def appeal_deadline(denied_on: dt.date, days: int) -> dt.date:
    """The last day to appeal: ``days`` calendar days after ``denied_on``."""
    if days < 0:
        raise ValueError(f"appeal window must not be negative, got {days} days")
    return denied_on + dt.timedelta(days=days)


def deadline_for(notice_date: dt.date, window: AppealWindow) -> dt.date:
    """Deadline for a denial whose notice (835) is dated ``notice_date``."""
    return appeal_deadline(notice_date + dt.timedelta(days=window.receipt_days), window.days)


def days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    """Calendar days from ``today`` to the deadline (0 = due today, negative = missed)."""
    return None if deadline is None else (deadline - today).days
