"""Run the demo world through billing: code, build claims, make them ready, write 837Ps.

What a newcomer sees after ``make run`` should come from the real pipeline, not from rows
written to look finished. Sessions up to the demo's "today" minus one day are coded
(clean proposals accepted in bulk, the rest left for a coder), built into claims, checked
by the readiness gates (the scrubber among them), and the ready ones are written into
837P batches for the demo clearinghouse. The payer simulator (lifecycle issue) answers
those batches in later cycles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bhbilling.app.claims.build import build_claims
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.coding_bulk import accept_clean
from bhbilling.app.models import ClinicalSession, Practice, SessionStatus
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.tenancy import scoped_to

__all__ = ["BillingRun", "bill_demo"]
ACTOR = "demo:billing"


@dataclass(slots=True)
class BillingRun:
    accepted: int = 0
    for_review: int = 0
    claims: int = 0
    ready: int = 0
    blocked: int = 0
    batches: int = 0
    batch_ids: list[int] = field(default_factory=list)


def bill_demo(company_id: int, *, until: dt.date,
              progress: Callable[[str, int, int], None] | None = None) -> BillingRun:
    run = BillingRun()
    for practice in Practice.unscoped.filter(company_id=company_id).order_by("id"):
        with scoped_to(company_id, practice.pk):
            sessions = list(ClinicalSession.objects.filter(
                status=SessionStatus.COMPLETED, note_signed=True, date_of_service__lte=until,
                claims__isnull=True).select_related("provider__supervisor", "patient", "location")
                .order_by("date_of_service", "id"))
            stage = f"coding · {practice.name}"
            coded = accept_clean(sessions, actor=ACTOR, progress=(
                (lambda d, t, s=stage: progress(s, d, t)) if progress else None))
            run.accepted += coded.accepted
            run.for_review += coded.left_for_review
            stage = f"claims · {practice.name}"
            built = build_claims(sessions, actor=ACTOR, progress=(
                (lambda d, t, s=stage: progress(s, d, t)) if progress else None))
            run.claims += len(built.claims)
            # new drafts (and secondary claims queued by remittances); a claim blocked by
            # findings earlier stays for a person to fix, not re-scrubbed every cycle
            ready = prepare_claims(claims_to_check(practice.pk).filter(state="draft"), actor=ACTOR)
            run.ready += len(ready.ready)
            run.blocked += len(ready.blocked)
            made = create_batches(practice, actor=ACTOR)
            run.batches += len(made.batches)
            run.batch_ids += [b.pk for b in made.batches]
            if progress:
                progress(f"837P batches · {practice.name}", 1, 1)
    return run
