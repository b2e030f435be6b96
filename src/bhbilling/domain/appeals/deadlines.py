"""Appeal deadlines per level and the reminder dates before them.

Level 1: the payer profile's window, set on the denial at posting (``Denial.appeal_deadline``).
When the denial has none we assume 120 days from the remittance date: the shortest common
first-level window (Medicare redetermination, 42 CFR 405.942; reference §8.2), so the
assumption errs early, and the letter says it was assumed.

Level 2 and up: days from the previous level's decision, per payer kind, from the letter
frames (templates/_payers.toml ``later_level_days``): Medicare QIC reconsideration 180 days from the
redetermination decision (42 CFR 405.962); the others a documented default of 60 days [K]
that a payer profile or contract may override (``window_days``). We count from the decision
date and ignore Medicare's 5-day mail presumption, again erring early.

Reminders: 14, 7 and 2 days before the deadline. Two weeks leaves time to gather records
and a signature; one week is the last comfortable mailing date; two days is the last call
for fax or portal filing. An unsent appeal stays due for a reminder from its first
reminder date until it is sent or the deadline passes, so a reminder missed on a weekend
is not lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bhbilling.domain.appeals.templates import frame_for

__all__ = ["DEFAULT_FIRST_LEVEL_DAYS", "REMINDER_DAYS", "NextLevel", "first_level_deadline",
           "next_level", "reminder_dates", "reminder_due", "reminders"]

DEFAULT_FIRST_LEVEL_DAYS = 120
REMINDER_DAYS = (14, 7, 2)


@dataclass(frozen=True, slots=True)
class NextLevel:
    level: int
    name: str
    deadline: dt.date


def first_level_deadline(appeal_deadline: dt.date | None,
                         remittance_date: dt.date) -> tuple[dt.date, bool]:
    """(deadline, assumed): the denial's deadline, or 120 days from the remittance date."""
    if appeal_deadline is not None:
        return appeal_deadline, False
    return remittance_date + dt.timedelta(days=DEFAULT_FIRST_LEVEL_DAYS), True


def level_name(payer_kind: str, level: int) -> str:
    names = frame_for(payer_kind).level_names
    return names[min(level, len(names)) - 1]


def next_level(payer_kind: str, level: int, decided_on: dt.date,
               window_days: int | None = None) -> NextLevel | None:
    """The level after a lost ``level``, with its deadline; None when no level is left here
    (after level 2 the ladder goes outside the payer: ALJ, external review, state hearing)."""
    frame = frame_for(payer_kind)
    if level >= len(frame.level_names):
        return None
    days = window_days if window_days is not None else frame.later_level_days[level - 1]
    return NextLevel(level=level + 1, name=frame.level_names[level],
                     deadline=decided_on + dt.timedelta(days=days))


def reminder_dates(deadline: dt.date) -> list[dt.date]:
    """The reminder dates of a deadline, earliest first."""
    return [deadline - dt.timedelta(days=d) for d in REMINDER_DAYS]


def reminders(deadline: dt.date, today: dt.date) -> list[dt.date]:
    """The reminder dates still ahead (today included); [] once the deadline has passed."""
    if today > deadline:
        return []
    return [d for d in reminder_dates(deadline) if d >= today]


def reminder_due(deadline: dt.date, today: dt.date) -> dt.date | None:
    """The latest reminder date on or before today, while the deadline has not passed."""
    if today > deadline:
        return None
    past = [d for d in reminder_dates(deadline) if d <= today]
    return past[-1] if past else None
