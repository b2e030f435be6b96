"""Appeals as use cases: start one from a denial, send it, record the payer's decision,
go to the next level, list the reminders due.

Claim states (domain/claims/lifecycle.TRANSITIONS): only a ``denied`` or ``partially_paid``
claim may move to ``appealed``; that happens when the letter is sent (``mark_sent``), not
when it is drafted. A lost or withdrawn appeal moves the claim back to ``denied`` (allowed
from ``appealed``). A won or partly won appeal changes no state and posts no money: the
payer pays by a later 835, whose posting moves the claim (appealed -> paid/partially_paid)
and books the cash; the amount recorded here is the biller's note of what was won, for
reports, and is never a ledger entry.

Denials: starting an appeal puts the denial in progress; a won/partial decision resolves it
("appealed"); a withdrawn appeal returns it to open; a lost one keeps it in progress (next
level, correction or write-off are the biller's next choices).

Every write and every letter read is audit-logged; no error message holds PHI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.appeals.facts import appeal_facts, signer_name
from bhbilling.app.claims.states import move
from bhbilling.app.models import Appeal, AppealStatus, Claim, ClaimState, Denial, DenialStatus
from bhbilling.domain.appeals import (
    NextLevel,
    compose,
    first_level_deadline,
    next_level,
    reminder_due,
    template_for,
)
from bhbilling.domain.claims.lifecycle import TRANSITIONS, ClaimStatus
from bhbilling.domain.denials import Category, DenialAdvice, classify
from bhbilling.kernel.errors import BhBillingError

__all__ = ["OPEN_STATUSES", "AppealRefused", "Decision", "DueReminder", "mark_sent",
           "record_decision", "reminders_due", "start_appeal", "start_next_level"]

OPEN_STATUSES = (AppealStatus.DRAFT, AppealStatus.SENT)
OUTCOMES = (AppealStatus.WON, AppealStatus.PARTIAL, AppealStatus.LOST, AppealStatus.WITHDRAWN)
APPEALABLE_CLAIM_STATES = frozenset(
    s.value for s, targets in TRANSITIONS.items() if ClaimStatus.APPEALED in targets)


class AppealRefused(BhBillingError):
    """The appeal action is not allowed now; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Decision:
    appeal: Appeal
    next_level: NextLevel | None  # offered after a lost appeal while a level is left


@dataclass(frozen=True, slots=True)
class DueReminder:
    appeal: Appeal
    reminder_on: dt.date
    days_left: int


def _late(what: str, deadline: dt.date, today: dt.date, late_ok: bool, late_reason: str) -> str:
    """'' when in time; the note to keep when late and allowed; else AppealRefused."""
    if today <= deadline:
        return ""
    days = (today - deadline).days
    if not late_ok:
        raise AppealRefused(
            f"{what}: the appeal deadline {deadline.isoformat()} passed {days} day(s) ago; "
            f"file late only with late_ok and a reason (e.g. good cause shown)")
    if not late_reason.strip():
        raise AppealRefused(f"{what}: filing after the deadline needs a reason (late_reason)")
    return f"Filed {days} day(s) after the deadline {deadline.isoformat()}: {late_reason.strip()}"


def _category(denial: Denial, advice: DenialAdvice) -> str:
    """The category set at posting; for older denials without one, the mapping's reading."""
    try:
        return Category(denial.category).value
    except ValueError:
        return advice.category.value


def _create(denial: Denial, *, level: int, deadline: dt.date | None, actor: Any, today: dt.date,
            notes: list[str], prior_decision: dt.date | None = None,
            signer: str | None = None) -> Appeal:
    claim = denial.claim
    kind = claim.payer.kind if claim.payer else "commercial"
    advice = classify(denial.group_code, denial.reason_codes or [], denial.remark_codes or [],
                      payer_kind=kind)
    category = _category(denial, advice)
    template = template_for(category, kind)
    facts = appeal_facts(denial, level=level, deadline=deadline, today=today,
                         signer=signer if signer is not None else signer_name(actor),
                         prior_decision_date=prior_decision)
    if facts.deadline_is_default:
        notes.append(f"The payer gave no appeal window: deadline assumed 120 days from the "
                     f"remittance date {facts.remittance_date.isoformat()}.")
    if not denial.category:
        notes.append(f"The denial had no category: the code mapping's reading ({category}) "
                     f"chose the letter.")
    if not advice.appealable:
        notes.append(f"The code mapping marks this denial as not appealable "
                     f"({advice.reason or advice.primary_carc}); its advice: {advice.action}")
    letter = compose(facts, template)
    appeal = Appeal.unscoped.create(
        practice_id=denial.practice_id, claim=claim, denial=denial, level=level,
        status=AppealStatus.DRAFT, category=category, template=template.name,
        deadline=facts.deadline, attachments=list(template.attachments),
        letter=letter.to_text(), note="\n".join(notes), created_at=timezone.now(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit.record("create", appeal, actor=actor, detail={"level": level, "template": template.name})
    return appeal


@transaction.atomic
def start_appeal(denial: Denial, *, actor: Any, today: dt.date, late_ok: bool = False,
                 late_reason: str = "", signer: str | None = None) -> Appeal:
    """A level-1 appeal (draft) of a denial, with its letter; the denial goes in progress.

    ``signer`` names who signs the letter (default: the acting user's name)."""
    denial = Denial.unscoped.select_for_update().get(pk=denial.pk, practice_id=denial.practice_id)
    what = f"denial {denial.pk}"
    if denial.status in (DenialStatus.RESOLVED, DenialStatus.WRITTEN_OFF):
        raise AppealRefused(f"{what} is {denial.status}: only an open or in-progress denial "
                            f"can be appealed")
    existing = Appeal.unscoped.filter(practice_id=denial.practice_id, denial_id=denial.pk,
                                      status__in=OPEN_STATUSES).first()
    if existing:
        raise AppealRefused(f"{what} already has appeal {existing.pk} ({existing.status}); "
                            f"finish or withdraw it first")
    lost = (Appeal.unscoped.filter(practice_id=denial.practice_id, denial_id=denial.pk,
                                   status=AppealStatus.LOST).order_by("-level").first())
    if lost:
        raise AppealRefused(f"{what}: appeal {lost.pk} (level {lost.level}) was lost; start the "
                            f"next level from it instead of a new first level")
    remittance_date = denial.payment.remittance.payment_date
    deadline, _ = first_level_deadline(denial.appeal_deadline, remittance_date)
    late = _late(what, deadline, today, late_ok, late_reason)
    appeal = _create(denial, level=1, deadline=None, actor=actor, today=today,
                     notes=[late] if late else [], signer=signer)
    if denial.status != DenialStatus.IN_PROGRESS:
        denial.status = DenialStatus.IN_PROGRESS
        denial.save(update_fields=["status"])
    return appeal


def _lock(appeal: Appeal) -> Appeal:
    return Appeal.unscoped.select_for_update(of=("self",)).select_related("claim", "denial").get(
        pk=appeal.pk, practice_id=appeal.practice_id)


@transaction.atomic
def mark_sent(appeal: Appeal, *, actor: Any, today: dt.date, late_ok: bool = False,
              late_reason: str = "") -> Appeal:
    """The letter went to the payer: appeal sent, claim -> appealed (from denied/partially paid)."""
    appeal = _lock(appeal)
    what = f"appeal {appeal.pk}"
    if appeal.status != AppealStatus.DRAFT:
        raise AppealRefused(f"{what} is {appeal.status}: only a draft can be marked sent")
    late = _late(what, appeal.deadline, today, late_ok, late_reason)
    claim = Claim.unscoped.select_for_update().get(pk=appeal.claim_id)
    if claim.state != ClaimState.APPEALED:  # another line's appeal may have moved it already
        if claim.state not in APPEALABLE_CLAIM_STATES:
            allowed = ", ".join(sorted(APPEALABLE_CLAIM_STATES))
            raise AppealRefused(f"{what}: claim {claim.patient_control_number} is {claim.state}; "
                                f"an appeal can be sent only for a claim in: {allowed}")
        move(claim, ClaimState.APPEALED, actor=actor,
             reason=f"appeal {appeal.pk} level {appeal.level} sent")
    appeal.status, appeal.sent_on = AppealStatus.SENT, today
    if late:
        appeal.note = "\n".join(x for x in (appeal.note, late) if x)
    appeal.save(update_fields=["status", "sent_on", "note"])
    audit.record("update", appeal, actor=actor, detail={"status": appeal.status})
    return appeal


def _back_to_denied(appeal: Appeal, actor: Any, why: str) -> None:
    """Claim appealed -> denied unless another sent appeal still holds it."""
    claim = Claim.unscoped.select_for_update().get(pk=appeal.claim_id)
    others = (Appeal.unscoped.filter(practice_id=appeal.practice_id, claim_id=claim.pk,
                                     status=AppealStatus.SENT).exclude(pk=appeal.pk).exists())
    if claim.state == ClaimState.APPEALED and not others:
        move(claim, ClaimState.DENIED, actor=actor, reason=f"appeal {appeal.pk} {why}")


@transaction.atomic
def record_decision(appeal: Appeal, *, outcome: str, decided_on: dt.date, actor: Any,
                    recovered: Decimal = Decimal("0.00"), note: str = "",
                    window_days: int | None = None) -> Decision:
    """The payer's answer (or our withdrawal). Won/partial post nothing: the 835 pays."""
    appeal = _lock(appeal)
    what = f"appeal {appeal.pk}"
    if outcome not in OUTCOMES:
        raise AppealRefused(f"{what}: outcome {outcome!r} unknown; expected one of "
                            f"{', '.join(OUTCOMES)}")
    allowed_from = (AppealStatus.DRAFT, AppealStatus.SENT) if outcome == AppealStatus.WITHDRAWN \
        else (AppealStatus.SENT,)
    if appeal.status not in allowed_from:
        raise AppealRefused(f"{what} is {appeal.status}: a {outcome} decision needs an appeal "
                            f"that is {' or '.join(allowed_from)}")
    recovered = Decimal(recovered).quantize(Decimal("0.01"))
    denied = appeal.denial.amount if appeal.denial else appeal.claim.total_charge
    if recovered < 0 or recovered > denied:
        raise AppealRefused(f"{what}: recovered must be between 0.00 and the denied amount "
                            f"{denied}; got {recovered}")
    if outcome == AppealStatus.PARTIAL and recovered == 0:
        raise AppealRefused(f"{what}: a partial win needs the recovered amount (more than 0.00)")
    if outcome in (AppealStatus.LOST, AppealStatus.WITHDRAWN) and recovered:
        raise AppealRefused(f"{what}: a {outcome} appeal recovers nothing; recovered must be 0.00")
    if appeal.sent_on and decided_on < appeal.sent_on:
        raise AppealRefused(f"{what}: decided_on {decided_on.isoformat()} is before it was sent "
                            f"({appeal.sent_on.isoformat()})")
    was_sent = appeal.status == AppealStatus.SENT
    appeal.status, appeal.decided_on, appeal.recovered = outcome, decided_on, recovered
    if note.strip():
        appeal.note = "\n".join(x for x in (appeal.note, note.strip()) if x)
    appeal.save(update_fields=["status", "decided_on", "recovered", "note"])
    audit.record("update", appeal, actor=actor, detail={"status": outcome})
    denial = appeal.denial
    offer = None
    if outcome in (AppealStatus.WON, AppealStatus.PARTIAL) and denial:
        denial.status, denial.resolution = DenialStatus.RESOLVED, "appealed"
        denial.resolved_at = timezone.now()
        denial.save(update_fields=["status", "resolution", "resolved_at"])
    elif outcome == AppealStatus.LOST:
        _back_to_denied(appeal, actor, "lost")
        kind = appeal.claim.payer.kind if appeal.claim.payer else "commercial"
        offer = next_level(kind, appeal.level, decided_on, window_days)
    elif outcome == AppealStatus.WITHDRAWN:
        if was_sent:
            _back_to_denied(appeal, actor, "withdrawn")
        if denial and denial.status == DenialStatus.IN_PROGRESS:
            denial.status = DenialStatus.OPEN
            denial.save(update_fields=["status"])
    return Decision(appeal=appeal, next_level=offer)


@transaction.atomic
def start_next_level(appeal: Appeal, *, actor: Any, today: dt.date,
                     window_days: int | None = None, late_ok: bool = False,
                     late_reason: str = "", signer: str | None = None) -> Appeal:
    """The next level's draft after a lost appeal, with its own deadline and letter."""
    appeal = _lock(appeal)
    what = f"appeal {appeal.pk}"
    if appeal.status != AppealStatus.LOST or appeal.denial is None:
        raise AppealRefused(f"{what} is {appeal.status}: only a lost appeal of a denial goes to "
                            f"the next level")
    if Appeal.unscoped.filter(practice_id=appeal.practice_id, denial_id=appeal.denial_id,
                              level__gt=appeal.level).exists():
        raise AppealRefused(f"{what}: the next level was already started")
    kind = appeal.claim.payer.kind if appeal.claim.payer else "commercial"
    offer = next_level(kind, appeal.level, appeal.decided_on, window_days)
    if offer is None:
        raise AppealRefused(f"{what}: level {appeal.level} is the last level handled here; "
                            f"further review (ALJ, external review, state hearing) is filed "
                            f"outside bhbilling")
    late = _late(what, offer.deadline, today, late_ok, late_reason)
    return _create(appeal.denial, level=offer.level, deadline=offer.deadline, actor=actor,
                   today=today, notes=[late] if late else [],
                   prior_decision=appeal.decided_on, signer=signer)


def reminders_due(practice_id: int, today: dt.date) -> list[DueReminder]:
    """Unsent (draft) appeals of the practice whose reminder date has come and whose deadline
    has not passed, soonest deadline first (domain.appeals.deadlines: 14, 7, 2 days)."""
    rows = (Appeal.unscoped.filter(practice_id=practice_id, status=AppealStatus.DRAFT,
                                   deadline__gte=today)
            .select_related("claim").order_by("deadline", "id"))
    out = []
    for appeal in rows:
        on = reminder_due(appeal.deadline, today)
        if on is not None:
            out.append(DueReminder(appeal=appeal, reminder_on=on,
                                   days_left=(appeal.deadline - today).days))
    return out
