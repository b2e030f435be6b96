"""Move claims between states: the domain table decides, this module records and audits.

Every move writes a ``ClaimStateChange`` row (who, when, why, which file moved it) and an
audit event, so the claim page can show its timeline and an auditor can replay it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.models import Claim, ClaimStateChange
from bhbilling.domain.claims import check_transition

__all__ = ["move", "move_many", "record_creation"]


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def record_creation(claim: Claim, actor: Any, reason: str, at: dt.datetime | None = None) -> None:
    """The first history row of a new claim ('' -> its initial state)."""
    ClaimStateChange.unscoped.create(practice_id=claim.practice_id, claim=claim, from_state="",
                                     to_state=claim.state, at=at or timezone.now(),
                                     actor=_user(actor), reason=reason[:200])


def move(claim: Claim, to_state: str, *, actor: Any = None, reason: str = "",
         at: dt.datetime | None = None, source_file: str = "") -> Claim:
    """Move one claim, refusing what the state machine forbids (IllegalTransition)."""
    return move_many([claim], to_state, actor=actor, reason=reason, at=at,
                     source_file=source_file)[0]


def move_many(claims: Iterable[Claim], to_state: str, *, actor: Any = None, reason: str = "",
              at: dt.datetime | None = None, source_file: str = "") -> list[Claim]:
    """Move several claims with one history insert and one audit batch.

    All are checked first, so one illegal move leaves every claim as it was.
    """
    rows = list(claims)
    for claim in rows:
        check_transition(claim.state, to_state)
    when = at or timezone.now()
    changes = [ClaimStateChange(practice_id=c.practice_id, claim=c, from_state=c.state,
                                to_state=to_state, at=when, actor=_user(actor),
                                reason=reason[:200], source_file=source_file[:255]) for c in rows]
    ids = [c.pk for c in rows]
    Claim.unscoped.filter(pk__in=ids).update(state=to_state, updated_at=when)
    ClaimStateChange.unscoped.bulk_create(changes)
    for claim in rows:
        claim.state = to_state
    if rows:
        audit.record_many("update", rows, actor=actor, detail={"state": to_state})
    return rows
