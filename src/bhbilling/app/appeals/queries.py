"""Appeal lists for the web page, the API and the CLI: one query, the same columns.

Each row carries the days left to the deadline and, for an unsent (draft) appeal, the
reminder date that is due (domain.appeals.deadlines: 14, 7, 2 days before), so every
entry point highlights the same appeals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bhbilling.app.models import Appeal, AppealStatus
from bhbilling.domain.appeals import NextLevel, next_level, reminder_due

__all__ = ["FILTERS", "AppealRow", "appeal_rows", "next_level_offer", "row_for"]

FILTERS = {
    "open": (AppealStatus.DRAFT, AppealStatus.SENT),
    "draft": (AppealStatus.DRAFT,),
    "sent": (AppealStatus.SENT,),
    "decided": (AppealStatus.WON, AppealStatus.PARTIAL, AppealStatus.LOST, AppealStatus.WITHDRAWN),
    "all": tuple(AppealStatus.values),
}


@dataclass(frozen=True, slots=True)
class AppealRow:
    appeal: Appeal
    days_left: int
    reminder_on: dt.date | None  # set when an unsent appeal's reminder is due
    overdue: bool  # unsent and the deadline has passed


def row_for(appeal: Appeal, today: dt.date) -> AppealRow:
    draft = appeal.status == AppealStatus.DRAFT
    return AppealRow(appeal=appeal, days_left=(appeal.deadline - today).days,
                     reminder_on=reminder_due(appeal.deadline, today) if draft else None,
                     overdue=draft and today > appeal.deadline)


def appeal_rows(practice_id: int, today: dt.date, status: str = "open",
                limit: int = 500) -> list[AppealRow]:
    """The practice's appeals in ``status`` (a FILTERS key), soonest deadline first."""
    rows = (Appeal.unscoped.filter(practice_id=practice_id, status__in=FILTERS[status])
            .select_related("claim__patient", "claim__payer", "denial")
            .order_by("deadline", "id")[:limit])
    return [row_for(a, today) for a in rows]


def next_level_offer(appeal: Appeal) -> NextLevel | None:
    """After a lost appeal: the next level and its deadline, unless started or none left."""
    if appeal.status != AppealStatus.LOST or appeal.decided_on is None or appeal.denial_id is None:
        return None
    if Appeal.unscoped.filter(practice_id=appeal.practice_id, denial_id=appeal.denial_id,
                              level__gt=appeal.level).exists():
        return None
    kind = appeal.claim.payer.kind if appeal.claim.payer else "commercial"
    return next_level(kind, appeal.level, appeal.decided_on)
