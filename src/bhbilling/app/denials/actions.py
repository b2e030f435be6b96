"""What a biller does with a denial, each with its claim and ledger effect (issue #8 item 2).

- correct & resubmit: a frequency-7 replacement with REF*F8 (app.claims.corrections); the
  original's charges are reversed and the replacement's posted; every open denial of the
  claim is resolved "corrected" (the payer replaces the whole claim).
- void: a frequency-8 claim (corrections.void_claim); denials resolved "voided".
- appeal: a level-1 draft appeal with its letter (app.appeals.service.start_appeal); the
  denial goes in progress and is resolved "appealed" by the appeals service when won.
  Refused when the mapping says the denial has no appeal rights (Medicare CO-29, MA130).
- write off: a pending write-off of the insurance A/R (app.writeoffs), posted only when a
  second user approves; the denial is then "written_off".
- move to patient: Dr 1200 patient A/R, Cr 1100 insurance A/R for the denied amount, only
  when the patient may be billed (PR, payer paid the patient, non-covered with a waiver;
  reference §11: CO is the provider's liability); resolved "moved_to_patient".
- move to next payer: the open insurance balance goes to a new claim for the next coverage
  (app.remittance.secondary.bill_next_payer); resolved "moved_to_next_payer".
Every action locks the denial, refuses a resolved denial or a claim in the wrong state
with a message naming them, and is audit-logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.appeals import service as appeals
from bhbilling.app.balances import line_balances
from bhbilling.app.claims.corrections import CorrectionRefused, replace_claim, void_claim
from bhbilling.app.denials.classification import advice_for
from bhbilling.app.denials.errors import DenialActionRefused
from bhbilling.app.ledger import post_entry
from bhbilling.app.models import Appeal, Claim, ClaimState, Denial, DenialStatus, JournalEntry, WriteOff
from bhbilling.app.remittance.secondary import NextPayerError, bill_next_payer
from bhbilling.app.writeoffs import WriteOffRefused, open_balance, request_write_off
from bhbilling.domain import ledger as dl
from bhbilling.domain.denials import may_bill_patient
from bhbilling.domain.denials.writeoffs import WriteOffKind

__all__ = ["ACTIONS", "WORKABLE_CLAIM_STATES", "appeal", "correct_and_resubmit", "move_to_next_payer",
           "move_to_patient", "void", "write_off"]

ACTIONS = ("correct", "void", "appeal", "write_off", "to_patient", "next_payer")
# States of a claim whose payer answered: the only ones a denial can be worked from.
WORKABLE_CLAIM_STATES = (ClaimState.DENIED, ClaimState.PARTIALLY_PAID, ClaimState.PAID,
                         ClaimState.APPEALED)
ZERO = Decimal("0.00")


def _day(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date() if timezone.is_aware(now) else now.date()


def _lock(denial: Denial) -> Denial:
    return (Denial.unscoped.select_for_update(of=("self",)).select_related("claim__payer", "payment")
            .get(pk=denial.pk, practice_id=denial.practice_id))


def _check(denial: Denial, action: str, states: Iterable[str] = WORKABLE_CLAIM_STATES) -> Claim:
    if denial.status in (DenialStatus.RESOLVED, DenialStatus.WRITTEN_OFF):
        raise DenialActionRefused(
            f"denial {denial.pk} is already {denial.status}"
            f"{f' ({denial.resolution})' if denial.resolution else ''}; nothing left to {action}")
    claim = denial.claim
    states = tuple(states)
    if claim.state not in states:
        raise DenialActionRefused(
            f"cannot {action} denial {denial.pk}: claim {claim.patient_control_number} is "
            f"{claim.state}; expected one of {', '.join(states)}")
    return claim


def _resolve(denials: Iterable[Denial], resolution: str, *, now: dt.datetime, actor: Any,
             detail: Mapping[str, Any] | None = None) -> None:
    rows = list(denials)
    for d in rows:
        d.status, d.resolution, d.resolved_at = DenialStatus.RESOLVED, resolution, now
        d.save(update_fields=["status", "resolution", "resolved_at"])
    audit.record_many("update", rows, actor=actor,
                      detail={"fields": ["resolution", "resolved_at", "status"],
                              "resolution": resolution, **(detail or {})})


def _open_on_claim(claim: Claim) -> list[Denial]:
    return list(Denial.unscoped.filter(practice_id=claim.practice_id, claim=claim,
                                       status__in=(DenialStatus.OPEN, DenialStatus.IN_PROGRESS)))


@transaction.atomic
def correct_and_resubmit(denial: Denial, *, actor: Any, now: dt.datetime, reason: str,
                         lines: Iterable[Mapping[str, Any]] | None = None,
                         diagnoses: list[str] | None = None) -> Claim:
    """Bill a frequency-7 replacement (REF*F8 = payer claim number); it is a draft to send."""
    denial = _lock(denial)
    claim = _check(denial, "correct")
    try:
        new = replace_claim(claim, actor=actor, reason=reason, lines=lines, diagnoses=diagnoses)
    except CorrectionRefused as exc:
        raise DenialActionRefused(f"cannot correct denial {denial.pk}: {exc}") from None
    _resolve(_open_on_claim(claim), "corrected", now=now, actor=actor,
             detail={"new_claim": new.patient_control_number})
    return new


@transaction.atomic
def void(denial: Denial, *, actor: Any, now: dt.datetime, reason: str) -> Claim:
    """Cancel the claim with the payer (frequency 8); charges are reversed."""
    denial = _lock(denial)
    claim = _check(denial, "void")
    try:
        new = void_claim(claim, actor=actor, reason=reason)
    except CorrectionRefused as exc:
        raise DenialActionRefused(f"cannot void denial {denial.pk}'s claim: {exc}") from None
    _resolve(_open_on_claim(claim), "voided", now=now, actor=actor,
             detail={"void_claim": new.patient_control_number})
    return new


@transaction.atomic
def appeal(denial: Denial, *, actor: Any, today: dt.date, late_ok: bool = False,
           late_reason: str = "") -> Appeal:
    """Start a level-1 appeal (draft letter); the denial goes in progress."""
    denial = _lock(denial)
    _check(denial, "appeal", (ClaimState.DENIED, ClaimState.PARTIALLY_PAID, ClaimState.APPEALED))
    advice = advice_for(denial)
    if not advice.appealable:
        raise DenialActionRefused(
            f"denial {denial.pk} ({advice.reason.split(':')[0]}) has no appeal rights: "
            f"{advice.action}")
    try:
        made = appeals.start_appeal(denial, actor=actor, today=today, late_ok=late_ok,
                                    late_reason=late_reason)
    except appeals.AppealRefused as exc:
        raise DenialActionRefused(str(exc)) from None
    audit.record("update", denial, actor=actor, detail={"action": "appeal", "appeal": made.pk})
    return made


@transaction.atomic
def write_off(denial: Denial, *, actor: Any, now: dt.datetime, reason: str,
              amount: Decimal | None = None,
              kind: WriteOffKind | str = WriteOffKind.ADMINISTRATIVE) -> WriteOff:
    """Ask for a write-off of the denied insurance balance (a second user approves it)."""
    denial = _lock(denial)
    claim = _check(denial, "write off")
    if amount is None:
        amount = min(denial.amount, open_balance(denial.practice_id, source="insurance", claim=claim))
    try:
        wo = request_write_off(practice_id=denial.practice_id, claim=claim, denial=denial,
                               source=WriteOff.Source.INSURANCE, amount=amount, reason=reason,
                               actor=actor, now=now, kind=kind)
    except WriteOffRefused as exc:
        raise DenialActionRefused(f"cannot write off denial {denial.pk}: {exc}") from None
    audit.record("update", denial, actor=actor, detail={"action": "write_off", "write_off": wo.pk})
    return wo


@transaction.atomic
def move_to_patient(denial: Denial, *, actor: Any, now: dt.datetime,
                    waiver_on_file: bool = False) -> JournalEntry:
    """Move the denied amount from insurance to patient A/R, where the patient may be billed."""
    denial = _lock(denial)
    claim = _check(denial, "move to the patient")
    allowed, why = may_bill_patient(denial.group_code, advice_for(denial),
                                    waiver_on_file=waiver_on_file)
    if not allowed:
        raise DenialActionRefused(f"cannot bill the patient for denial {denial.pk}: {why}")
    by_line = line_balances(denial.practice_id, claim.pk, dl.INSURANCE_AR)
    ref = denial.line_control_number if denial.line_control_number in by_line else None
    open_amount = by_line.get(ref, ZERO) if ref else sum(by_line.values(), ZERO)
    amount = min(denial.amount, open_amount)
    if amount <= ZERO:
        raise DenialActionRefused(f"denial {denial.pk}: claim {claim.patient_control_number} "
                                  "has no open insurance balance to move to the patient")
    entry = dl.make_entry(
        f"denial-to-patient:{denial.pk}", _day(now),
        f"Denied amount of {claim.patient_control_number} moved to the patient",
        [dl.debit(dl.PATIENT_AR, amount, ref), dl.credit(dl.INSURANCE_AR, amount, ref)])
    stored = post_entry(denial.practice_id, entry, claim=claim, patient=claim.patient, posted_at=now)
    denial.status, denial.resolution, denial.resolved_at = (DenialStatus.RESOLVED,
                                                            "moved_to_patient", now)
    denial.save(update_fields=["status", "resolution", "resolved_at"])
    audit.record("update", denial, actor=actor,
                 detail={"action": "to_patient", "amount": str(amount), "waiver": waiver_on_file})
    return stored


@transaction.atomic
def move_to_next_payer(denial: Denial, *, actor: Any, now: dt.datetime) -> Claim:
    """Bill the claim's open insurance balance to the patient's next coverage."""
    denial = _lock(denial)
    claim = _check(denial, "move to the next payer")
    try:
        new = bill_next_payer(claim, actor=actor, now=now)
    except NextPayerError as exc:
        raise DenialActionRefused(f"cannot bill the next payer for denial {denial.pk}: {exc}") from None
    _resolve(_open_on_claim(claim), "moved_to_next_payer", now=now, actor=actor,
             detail={"next_claim": new.patient_control_number})
    return new
