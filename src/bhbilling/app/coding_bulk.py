"""Code many sessions at once: store proposals, and accept the clean ones in bulk.

A busy practice codes hundreds of sessions a day; most proposals carry no warning and a
coder accepts them unchanged. ``accept_clean`` does that in bulk for sessions with no
decision yet: a proposal with lines, a fee for every line and no warning is stored as
"accepted" (the same row ``decide`` would write for an unchanged proposal); any other is
stored as a proposal for a person to look at. Fee schedules are loaded once per
(practice, payer, date) and rows are written with bulk inserts and one audit batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.coding import preview
from bhbilling.app.models import ClinicalSession, CodingDecision, DecisionStatus
from bhbilling.kernel.errors import BhBillingError

__all__ = ["AcceptSummary", "accept_clean"]
CHUNK = 500


@dataclass(slots=True)
class AcceptSummary:
    accepted: int = 0
    left_for_review: int = 0
    already_decided: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)


def _clean(proposal: dict) -> bool:
    lines = proposal.get("lines") or []
    return bool(lines) and not proposal.get("warnings") and all(
        ln.get("charge") not in (None, "") for ln in lines)


def accept_clean(sessions: Iterable[ClinicalSession], *, actor: Any = None,
                 progress: Callable[[int, int], None] | None = None) -> AcceptSummary:
    rows = list(sessions)
    summary = AcceptSummary()
    latest: dict[int, CodingDecision] = {}
    for d in CodingDecision.objects.filter(session_id__in=[s.pk for s in rows]).order_by("id"):
        latest[d.session_id] = d
    cache: dict = {}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        made: list[CodingDecision] = []
        now = timezone.now()
        for session in chunk:
            earlier = latest.get(session.pk)
            if earlier is not None and earlier.status != DecisionStatus.PROPOSED:
                summary.already_decided += 1
                continue
            if earlier is not None and not _clean(earlier.proposed):
                summary.left_for_review += 1  # proposed before, still waiting for a coder
                continue
            try:
                decision = preview(session, fees_cache=cache) if earlier is None else CodingDecision(
                    practice_id=session.practice_id, session=session, proposed=earlier.proposed,
                    final=[], status=DecisionStatus.PROPOSED, engine_version=earlier.engine_version,
                    payer_profile=earlier.payer_profile,
                    payer_profile_version=earlier.payer_profile_version)
            except BhBillingError as exc:
                summary.failures.append((session.pk, str(exc)))
                continue
            if _clean(decision.proposed):
                decision.status = DecisionStatus.ACCEPTED
                decision.final = decision.proposed["lines"]
                decision.decided_at = now
                summary.accepted += 1
            else:
                summary.left_for_review += 1
            made.append(decision)
        with transaction.atomic():
            CodingDecision.objects.bulk_create(made)
            audit.record_many("create", made, actor=actor, detail={"bulk": "accept_clean"})
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))
    return summary
