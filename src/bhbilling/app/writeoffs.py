"""Write-offs: a biller asks, a second user with the right approves, then the ledger moves.

Why two people: writing off a balance gives up income and is the classic place for
embezzlement and for quietly burying denials, so separation of duties requires that the
person who asks is not the person who approves (reference §11 workbench; AICPA internal
control over cash receipts). Rules the practice adopted in advance (the small-balance
rule) are the one exception: ``write_off_by_rule`` is approved by the rule itself
(``decided_by`` empty, ``rule`` set).

Ledger on approval (one balanced entry, key ``writeoff:<id>``):
    Dr 4200 other adjustments (or 4300 bad debt for bad debt / collections)
    Cr 1100 insurance A/R (source insurance) or 1200 patient A/R (source patient)
The amount must be > 0 and no more than the open balance of that A/R, less other
write-offs still waiting for approval on it; the balance is checked again at approval
because payments may have arrived in between.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.balances import claim_balances, patient_balances
from bhbilling.app.claims.states import move
from bhbilling.app.ledger import post_entry
from bhbilling.app.models import Claim, Denial, DenialStatus, Patient, WriteOff, WriteOffStatus
from bhbilling.app.tenancy.access import access_for
from bhbilling.domain import ledger as dl
from bhbilling.domain.access import Permission
from bhbilling.domain.claims import IllegalTransition, check_transition
from bhbilling.domain.denials.writeoffs import WriteOffKind, account_for
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import ZERO, to_money

__all__ = ["WriteOffRefused", "approve", "open_balance", "reject", "request_write_off",
           "write_off_by_rule"]

Source = WriteOff.Source


class WriteOffRefused(BhBillingError):
    """The write-off cannot be requested or decided; the message says why."""


def _day(now: datetime) -> date:
    return timezone.localtime(now).date() if timezone.is_aware(now) else now.date()


def _source(value: str) -> str:
    if value not in Source.values:
        raise WriteOffRefused(f"write-off source {value!r} is unknown; expected one of "
                              f"{', '.join(Source.values)}")
    return value


def open_balance(practice_id: int, *, source: str, claim: Claim | None = None,
                 patient: Patient | None = None, exclude_id: int | None = None) -> Decimal:
    """What may still be written off in that A/R: ledger balance minus pending requests."""
    if source == Source.INSURANCE:
        if claim is None:
            raise WriteOffRefused("an insurance write-off needs the claim whose balance it clears")
        balance = claim_balances(practice_id, [claim.pk]).get(claim.pk)
        owed = balance.insurance if balance else ZERO
        pending = WriteOff.unscoped.filter(practice_id=practice_id, claim=claim,
                                           source=Source.INSURANCE)
    elif claim is not None:
        balance = claim_balances(practice_id, [claim.pk]).get(claim.pk)
        owed = balance.patient if balance else ZERO
        pending = WriteOff.unscoped.filter(practice_id=practice_id, claim=claim,
                                           source=Source.PATIENT)
    else:
        if patient is None:
            raise WriteOffRefused("a patient write-off needs the patient or the claim")
        owed = patient_balances(practice_id, [patient.pk]).get(patient.pk, ZERO)
        pending = WriteOff.unscoped.filter(practice_id=practice_id, patient=patient,
                                           source=Source.PATIENT)
    pending = pending.filter(status=WriteOffStatus.PENDING)
    if exclude_id is not None:
        pending = pending.exclude(pk=exclude_id)
    waiting = sum((w.amount for w in pending), ZERO)
    return owed - waiting


def _check_amount(amount: Decimal, available: Decimal, source: str) -> Decimal:
    value = to_money(amount)
    if value <= 0:
        raise WriteOffRefused(f"write-off amount must be more than 0.00, got {value}")
    if value > available:
        raise WriteOffRefused(f"write-off amount {value} is more than the open {source} balance "
                              f"{max(available, ZERO)} (after pending write-offs)")
    return value


def _check_tenancy(practice_id: int, *rows: Any) -> None:
    for row in rows:
        if row is not None and row.practice_id != practice_id:
            raise WriteOffRefused(f"the {row._meta.model_name} belongs to another practice")


def _create(*, practice_id: int, claim: Claim | None, patient: Patient | None,
            denial: Denial | None, source: str, amount: Decimal, kind: WriteOffKind, reason: str,
            rule: str, actor: Any, now: datetime) -> WriteOff:
    _check_tenancy(practice_id, claim, patient, denial)
    if denial is not None and claim is None:
        claim = denial.claim
    if denial is not None and denial.claim_id != claim.pk:
        raise WriteOffRefused(f"denial {denial.pk} is on another claim than claim {claim.pk}")
    if claim is not None:
        if patient is not None and patient.pk != claim.patient_id:
            raise WriteOffRefused(f"claim {claim.patient_control_number} is not this patient's")
        patient = claim.patient
    if denial is not None and denial.status in (DenialStatus.RESOLVED, DenialStatus.WRITTEN_OFF):
        raise WriteOffRefused(f"denial {denial.pk} is already {denial.status}; nothing to write off")
    value = _check_amount(amount, open_balance(practice_id, source=source, claim=claim,
                                               patient=patient), source)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return WriteOff.unscoped.create(
        practice_id=practice_id, claim=claim, patient=patient, denial=denial, source=source,
        amount=value, kind=kind.value, reason=reason.strip()[:200], rule=rule, status=WriteOffStatus.PENDING,
        requested_by=user, requested_at=now)


@transaction.atomic
def request_write_off(*, practice_id: int, claim: Claim | None = None,
                      patient: Patient | None = None, denial: Denial | None = None,
                      source: str, amount: Decimal, reason: str, actor: Any, now: datetime,
                      kind: WriteOffKind | str = WriteOffKind.ADMINISTRATIVE) -> WriteOff:
    """A pending write-off waiting for a second user's approval; nothing is posted yet."""
    if not reason or not reason.strip():
        raise WriteOffRefused("a write-off needs a reason (say why the balance is given up)")
    kind = WriteOffKind(kind)
    wo = _create(practice_id=practice_id, claim=claim, patient=patient, denial=denial,
                 source=_source(source), amount=amount, kind=kind, reason=reason,
                 rule="", actor=actor, now=now)
    if denial is not None and denial.status == DenialStatus.OPEN:
        denial.status = DenialStatus.IN_PROGRESS
        denial.save(update_fields=["status"])
    audit.record("create", wo, actor=actor, detail={"source": wo.source, "kind": kind.value})
    return wo


def _post(wo: WriteOff, now: datetime) -> None:
    kind = wo.write_off_kind
    ar = dl.INSURANCE_AR if wo.source == Source.INSURANCE else dl.PATIENT_AR
    entry = dl.make_entry(f"writeoff:{wo.pk}", _day(now), f"Write-off {wo.pk}: {kind.label}",
                          [dl.debit(account_for(kind), wo.amount), dl.credit(ar, wo.amount)])
    wo.entry = post_entry(wo.practice_id, entry, claim=wo.claim, patient=wo.patient,
                          posted_at=now)


def _close_claim_if_settled(wo: WriteOff, now: datetime, actor: Any) -> None:
    """A claim that owes nothing after the write-off is closed (when its state allows)."""
    claim = wo.claim
    if claim is None or claim_balances(wo.practice_id, [claim.pk]).get(claim.pk):
        return
    try:
        check_transition(claim.state, "closed")
    except IllegalTransition:
        return
    move(claim, "closed", actor=actor, at=now, reason=f"balance written off ({wo.pk})")


def _close_denial(wo: WriteOff, now: datetime, actor: Any) -> None:
    denial = wo.denial
    if denial is None:
        return
    denial.status = DenialStatus.WRITTEN_OFF
    denial.resolution = "written_off"
    denial.resolved_at = now
    denial.save(update_fields=["status", "resolution", "resolved_at"])
    audit.record("update", denial, actor=actor, detail={"fields": ["resolution", "status"]})


def _pending(wo: WriteOff) -> WriteOff:
    fresh = WriteOff.unscoped.select_for_update().get(pk=wo.pk)
    if fresh.status != WriteOffStatus.PENDING:
        raise WriteOffRefused(f"write-off {wo.pk} is already {fresh.status}")
    return fresh


def _may_decide(wo: WriteOff, approver: Any) -> None:
    if not getattr(approver, "is_authenticated", False):
        raise WriteOffRefused("a write-off is approved or rejected by a signed-in user")
    if wo.requested_by_id is not None and wo.requested_by_id == approver.pk:
        raise WriteOffRefused(f"write-off {wo.pk} was requested by you; a different user "
                              "must approve or reject it")
    access = access_for(approver)
    if access is None or not access.can(Permission.APPROVE_WRITEOFFS, wo.practice_id):
        raise WriteOffRefused(f"you do not hold the approve-write-offs right for the practice of "
                              f"write-off {wo.pk}")


@transaction.atomic
def approve(write_off: WriteOff, *, approver: Any, now: datetime, note: str = "") -> WriteOff:
    """Approve and post the write-off (second user with APPROVE_WRITEOFFS only)."""
    wo = _pending(write_off)
    _may_decide(wo, approver)
    _check_amount(wo.amount, open_balance(wo.practice_id, source=wo.source, claim=wo.claim,
                                          patient=wo.patient, exclude_id=wo.pk), wo.source)
    _post(wo, now)
    wo.status, wo.decided_by, wo.decided_at = WriteOffStatus.APPROVED, approver, now
    wo.decision_note = note[:200]
    wo.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "entry"])
    audit.record("update", wo, actor=approver, detail={"fields": ["status"], "to": "approved"})
    _close_denial(wo, now, approver)
    _close_claim_if_settled(wo, now, approver)
    return wo


@transaction.atomic
def reject(write_off: WriteOff, *, approver: Any, now: datetime, note: str = "") -> WriteOff:
    """Reject the request; nothing is posted and the denial stays to be worked."""
    wo = _pending(write_off)
    _may_decide(wo, approver)
    wo.status, wo.decided_by, wo.decided_at = WriteOffStatus.REJECTED, approver, now
    wo.decision_note = note[:200]
    wo.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record("update", wo, actor=approver, detail={"fields": ["status"], "to": "rejected"})
    return wo


@transaction.atomic
def write_off_by_rule(*, practice_id: int, patient: Patient, amount: Decimal, rule: str,
                      claim: Claim | None = None, now: datetime,
                      kind: WriteOffKind | str = WriteOffKind.SMALL_BALANCE) -> WriteOff:
    """A patient-A/R write-off made and approved by a practice rule (e.g. small balance).

    The practice approved the rule itself in advance, so no second user is needed:
    ``decided_by`` stays empty and ``rule`` names the rule. Posted at once.
    """
    if not rule or not rule.strip():
        raise WriteOffRefused("a rule write-off needs the rule's name")
    kind = WriteOffKind(kind)
    wo = _create(practice_id=practice_id, claim=claim, patient=patient, denial=None,
                 source=Source.PATIENT, amount=amount,
                 kind=kind, reason=f"by rule {rule.strip()}", rule=rule.strip()[:40],
                 actor=None, now=now)
    _post(wo, now)
    wo.status, wo.decided_at = WriteOffStatus.APPROVED, now
    wo.save(update_fields=["status", "decided_at", "entry"])
    with audit.acting_as(f"rule:{wo.rule}"):
        audit.record("create", wo, detail={"source": wo.source, "rule": wo.rule})
        _close_claim_if_settled(wo, now, f"rule:{wo.rule}")
    return wo
