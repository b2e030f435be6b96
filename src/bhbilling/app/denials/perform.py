"""One entry for the web page, the API and the CLI: run a named workbench action.

Keeps the three entry points saying the same thing: the action names, what each needs
(a reason for correct/void/write-off), and the one-line outcome shown to the biller
(no PHI: claim numbers and amounts only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bhbilling.app.denials import actions
from bhbilling.app.denials.errors import DenialActionRefused
from bhbilling.app.models import Denial
from bhbilling.domain.denials.writeoffs import WriteOffKind

__all__ = ["ACTION_LABELS", "Outcome", "parse_amount", "perform"]

ACTION_LABELS = {
    "correct": "Correct & resubmit (frequency 7)",
    "void": "Void the claim (frequency 8)",
    "appeal": "Start an appeal",
    "write_off": "Request a write-off",
    "to_patient": "Move the balance to the patient",
    "next_payer": "Bill the next payer",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    action: str
    message: str
    claim_id: int | None = None  # the new claim (correct, void, next payer)
    appeal_id: int | None = None
    write_off_id: int | None = None
    entry_id: int | None = None


def parse_amount(text: str | Decimal | None) -> Decimal | None:
    """An optional money amount from a form or command line; None when blank."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = Decimal(str(text).strip().replace("$", "").replace(",", ""))
    except InvalidOperation:
        raise DenialActionRefused(
            f"amount {str(text)[:20]!r} is not a number; expected e.g. 120.00") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise DenialActionRefused(f"amount {text} must be dollars and cents, e.g. 120.00")
    return value


def _reason(reason: str, action: str) -> str:
    if not reason or not reason.strip():
        raise DenialActionRefused(f"{ACTION_LABELS[action].split(' (')[0].lower()} needs a reason "
                                  "(say what was wrong or why)")
    return reason.strip()


def perform(denial: Denial, action: str, *, actor: Any, now: dt.datetime, today: dt.date,
            reason: str = "", amount: Decimal | str | None = None,
            kind: str = WriteOffKind.ADMINISTRATIVE.value, waiver_on_file: bool = False,
            late_ok: bool = False, late_reason: str = "") -> Outcome:
    """Run ``action`` (one of ``actions.ACTIONS``) on the denial."""
    if action not in ACTION_LABELS:
        raise DenialActionRefused(f"unknown action {action!r}; expected one of "
                                  f"{', '.join(ACTION_LABELS)}")
    if action == "correct":
        new = actions.correct_and_resubmit(denial, actor=actor, now=now, reason=_reason(reason, action))
        return Outcome(action, f"Corrected claim {new.patient_control_number} drafted (frequency 7); "
                               "check it and send it with the next batch.", claim_id=new.pk)
    if action == "void":
        new = actions.void(denial, actor=actor, now=now, reason=_reason(reason, action))
        return Outcome(action, f"Void claim {new.patient_control_number} drafted (frequency 8).",
                       claim_id=new.pk)
    if action == "appeal":
        appeal = actions.appeal(denial, actor=actor, today=today, late_ok=late_ok,
                                late_reason=late_reason)
        return Outcome(action, f"Appeal {appeal.pk} drafted: deadline {appeal.deadline:%m/%d/%Y}.",
                       appeal_id=appeal.pk)
    if action == "write_off":
        try:
            kind_value = WriteOffKind(kind or WriteOffKind.ADMINISTRATIVE.value)
        except ValueError:
            raise DenialActionRefused(f"write-off kind {kind!r} is unknown; expected one of "
                                      f"{', '.join(k.value for k in WriteOffKind)}") from None
        wo = actions.write_off(denial, actor=actor, now=now, reason=_reason(reason, action),
                               amount=parse_amount(amount), kind=kind_value)
        return Outcome(action, f"Write-off {wo.pk} of ${wo.amount} requested; a second user with "
                               "the approve-write-offs right must approve it.", write_off_id=wo.pk)
    if action == "to_patient":
        entry = actions.move_to_patient(denial, actor=actor, now=now, waiver_on_file=waiver_on_file)
        return Outcome(action, "Denied amount moved to the patient's balance.", entry_id=entry.pk)
    new = actions.move_to_next_payer(denial, actor=actor, now=now)
    return Outcome(action, f"Claim {new.patient_control_number} drafted for the next payer.",
                   claim_id=new.pk)
