"""The A/R follow-up work list, notes with next-action dates, and 276 status inquiries.

The list (``work_list``) holds claims with an open insurance balance that need a touch by
the rules of ``domain.receivables.followup`` (no 277CA, no 835, next-action date reached,
denied and idle), largest dollars first, then oldest, each with its latest note. It is
built with a fixed number of queries whatever the number of claims: one for candidates
(SQL narrows by state and dates), balances and latest notes in chunks.

A note (``add_note``) keeps the history (``FollowUpNote`` rows are never edited) and sets
the claim's next-action date. Status inquiries go through ``app.claims.followup`` (one 276
interchange per call) and leave a note on each claim asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.balances import ClaimBalance, open_claim_balances
from bhbilling.app.claims.followup import FollowUpRun, send_status_inquiries
from bhbilling.app.receivables.aging import CHUNK, service_date_expr
from bhbilling.app.submission.batches import default_clearinghouse
from bhbilling.domain.receivables.followup import FollowUpRules, Reason, priority, reasons
from bhbilling.kernel.errors import BhBillingError

__all__ = ["ACTIONS", "FollowUpError", "WorkItem", "add_note", "inquire", "work_list"]
ZERO = Decimal("0.00")
#: what a biller did (FollowUpNote.action); free text is allowed, these are offered
ACTIONS = ("called payer", "payer portal", "status inquiry (276)", "resubmitted", "appeal sent",
           "waiting for payer", "other")
CANDIDATE_STATES = ("submitted", "acknowledged", "accepted", "denied", "partially_paid",
                    "appealed", "paid", "rejected")
INQUIRY_STATES = ("submitted", "acknowledged", "accepted", "denied", "partially_paid", "appealed")


class FollowUpError(BhBillingError, ValueError):
    """A note or an inquiry that cannot be recorded; the message names the field."""


@dataclass(frozen=True, slots=True)
class WorkItem:
    claim: m.Claim
    reasons: tuple[Reason, ...]
    balance: ClaimBalance
    service_date: dt.date
    age_days: int
    last_activity: dt.date | None
    note: m.FollowUpNote | None  # the latest

    @property
    def reason_labels(self) -> list[str]:
        return [r.label for r in self.reasons]


def _local(at: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(at).date() if at is not None else None


def _candidates(practice_ids: Sequence[int], today: dt.date, rules: FollowUpRules):
    """A superset of the due claims, narrowed in SQL; the domain rule decides."""
    def before(days: int) -> dt.datetime:
        day = today - dt.timedelta(days=days - 1)  # moved on or before today - days
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    last_note = Subquery(m.FollowUpNote.unscoped.filter(claim_id=OuterRef("pk"))
                         .order_by("-at", "-id").values("at")[:1])
    waiting = (Q(state__in=("submitted", "acknowledged"), moved__lt=before(rules.no_ack_days))
               | Q(state="accepted", moved__lt=before(rules.no_payment_days))
               | Q(state="denied", moved__lt=before(rules.denied_idle_days)))
    due = Q(follow_up_on__lte=today) | (Q(follow_up_on__isnull=True) & waiting)
    return (m.Claim.unscoped.filter(practice_id__in=list(practice_ids), state__in=CANDIDATE_STATES)
            .annotate(moved=Max("history__at")).filter(due)
            .annotate(noted=last_note, dos=service_date_expr())
            .values("id", "state", "follow_up_on", "moved", "noted", "dos"))


def _claims(ids: list[int]) -> dict[int, m.Claim]:
    out: dict[int, m.Claim] = {}
    for start in range(0, len(ids), CHUNK):
        out.update(m.Claim.unscoped.filter(pk__in=ids[start:start + CHUNK])
                   .select_related("payer", "practice", "rendering_provider", "patient").in_bulk())
    return out


def _latest_notes(ids: list[int]) -> dict[int, m.FollowUpNote]:
    out: dict[int, m.FollowUpNote] = {}
    for start in range(0, len(ids), CHUNK):
        for note in (m.FollowUpNote.unscoped.filter(claim_id__in=ids[start:start + CHUNK])
                     .select_related("author").order_by("claim_id", "-at", "-id")):
            out.setdefault(note.claim_id, note)
    return out


def work_list(practice_ids: Sequence[int], today: dt.date, *, rules: FollowUpRules | None = None,
              limit: int | None = None) -> list[WorkItem]:
    """Claims to follow up today, largest open insurance balance first, then oldest.

    Decided and sorted on plain rows; only the ``limit`` claims shown are loaded in full.
    """
    rules = rules or FollowUpRules()
    due = []
    for row in _candidates(practice_ids, today, rules):
        moved, noted = _local(row["moved"]), _local(row["noted"])
        activity = max((d for d in (moved, noted) if d is not None), default=None)
        why = reasons(state=row["state"], last_move=moved, last_activity=activity,
                      follow_up_on=row["follow_up_on"], today=today, rules=rules)
        if why:
            due.append((row, why, activity))
    ids = [row["id"] for row, _, _ in due]
    if len(ids) > CHUNK:  # many: one grouped query over the practices beats many id lists
        balances = open_claim_balances(practice_ids, as_of=today)
    else:
        balances = open_claim_balances(practice_ids, ids, as_of=today)
    ranked = sorted(((row, why, act, balances[row["id"]]) for row, why, act in due
                     if row["id"] in balances and balances[row["id"]].insurance > ZERO),
                    key=lambda t: priority(t[3].insurance, max((today - t[0]["dos"]).days, 0), t[0]["id"]))
    if limit is not None:
        ranked = ranked[:limit]
    chosen = [row["id"] for row, _, _, _ in ranked]
    claims = _claims(chosen)
    notes = _latest_notes(chosen)
    return [WorkItem(claims[row["id"]], why, bal, row["dos"], max((today - row["dos"]).days, 0), act,
                     notes.get(row["id"]))
            for row, why, act, bal in ranked]


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def add_note(claim: m.Claim, text: str, action: str = "", next_action_on: dt.date | None = None, *,
             actor: Any = None, now: dt.datetime) -> m.FollowUpNote:
    """Record what was done on the claim and set its next-action date (None clears it:
    nothing more is scheduled). The note history is kept; notes are never edited."""
    text = (text or "").strip()
    action = (action or "").strip()
    if not text:
        raise FollowUpError("note text: write what was done or learned (it is required)")
    if len(action) > 30:
        raise FollowUpError(f"action: at most 30 characters, got {len(action)}")
    today = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    if next_action_on is not None and next_action_on < today:
        raise FollowUpError(f"next action date: {next_action_on.isoformat()} is in the past; "
                            f"give {today.isoformat()} or later")
    with transaction.atomic():
        note = m.FollowUpNote.unscoped.create(
            practice_id=claim.practice_id, claim=claim, author=_user(actor), at=now, action=action,
            text=text, next_action_on=next_action_on)
        m.Claim.unscoped.filter(pk=claim.pk).update(follow_up_on=next_action_on)
        claim.follow_up_on = next_action_on
        audit.record("create", note, actor=actor, object_type="follow_up_note", object_id=note.pk,
                     patient_id=claim.patient_id, practice_id=claim.practice_id,
                     detail={"claim": claim.patient_control_number, "action": action,
                             "next_action_on": next_action_on.isoformat() if next_action_on else ""})
    return note


def inquire(claims: Sequence[m.Claim], *, actor: Any = None, today: dt.date, now: dt.datetime,
            gateway=None) -> list[FollowUpRun]:
    """Send 276 status inquiries for the chosen claims (one interchange per company
    connection), then note each claim; its next-action date moves a week on."""
    if not claims:
        raise FollowUpError("claims: choose at least one claim to ask about")
    wrong = [c.patient_control_number for c in claims
             if c.state not in INQUIRY_STATES or c.payer_id is None or c.coverage_id is None]
    if wrong:
        raise FollowUpError(f"claims {', '.join(wrong)}: only a claim sent to a payer can be asked "
                            "about with a 276")
    rows = list(m.Claim.unscoped.filter(pk__in=[c.pk for c in claims])
                .select_related("payer", "coverage", "patient", "practice")
                .prefetch_related(Prefetch("lines", queryset=m.ClaimLine.unscoped.order_by("line_number")))
                .order_by("payer_id", "id"))  # unscoped lines: claims of several practices
    by_company: dict[int, list[m.Claim]] = {}
    for claim in rows:
        by_company.setdefault(claim.practice.company_id, []).append(claim)
    runs = []
    for company_id, group in by_company.items():
        run = send_status_inquiries(default_clearinghouse(company_id), group, today=today, now=now,
                                    gateway=gateway)
        runs.append(run)
        nxt = today + dt.timedelta(days=7)
        for claim in group:
            add_note(claim, f"276 status inquiry sent in {run.file_name}"
                     f"{'' if run.delivered else ' (NOT delivered: check the connection)'}",
                     "status inquiry (276)", nxt, actor=actor, now=now)
    return runs
