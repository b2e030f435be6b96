"""Corrected (frequency 7) and void (frequency 8) claims, 837P 2300 CLM05-3 with REF*F8.

A claim the payer has adjudicated is never edited. To change it, bill a replacement:
a new claim with frequency 7, the payer's claim number of the original in REF*F8, and the
full corrected lines (payers replace the whole claim, not a delta). To cancel it, send a
void: frequency 8 with the same lines and REF*F8. Both need the payer's claim number
(CLP07 of the 835, stored on the original), so a claim the payer never answered cannot be
corrected this way: fix and resend it instead.

Ledger: the original's charges are reversed (Dr gross charges, Cr insurance A/R on its
lines) because they are no longer what is billed; a replacement posts its own charges on
its own lines. The payer's 835 then reverses the original payment (CLP02 22) and pays the
replacement, so each claim's A/R nets to what is still owed. The original is closed with
the reason naming the new claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.claims.build import charge_entry, next_control_number
from bhbilling.app.claims.states import move, record_creation
from bhbilling.app.ledger import as_domain, post_entry
from bhbilling.app.models import Claim, ClaimLine, ClaimState, FrequencyCode, JournalEntry
from bhbilling.domain import ledger as dl
from bhbilling.kernel.errors import BhBillingError

__all__ = ["CorrectionRefused", "replace_claim", "void_claim"]

ADJUDICATED = {ClaimState.PAID, ClaimState.PARTIALLY_PAID, ClaimState.DENIED,
               ClaimState.ACCEPTED, ClaimState.APPEALED}


class CorrectionRefused(BhBillingError):
    """The claim cannot be corrected or voided; the message says why and what to do."""


def _check(original: Claim, what: str) -> None:
    if original.state not in ADJUDICATED:
        raise CorrectionRefused(
            f"claim {original.patient_control_number} is {original.state}: only a claim the "
            f"payer adjudicated can be {what}; fix and resend it instead")
    if not original.payer_claim_number:
        raise CorrectionRefused(
            f"claim {original.patient_control_number} has no payer claim number (835 CLP07); "
            "REF*F8 needs it")


def _copy(original: Claim, frequency: str, actor: Any, reason: str) -> Claim:
    session_key = original.session_id or original.pk
    claim = Claim.objects.create(
        practice_id=original.practice_id, patient_id=original.patient_id,
        coverage_id=original.coverage_id, payer_id=original.payer_id,
        rendering_provider_id=original.rendering_provider_id, session_id=original.session_id,
        patient_control_number=next_control_number(original.practice_id, session_key),
        frequency_code=frequency, original_claim=original, state=ClaimState.DRAFT,
        place_of_service=original.place_of_service, diagnoses=original.diagnoses,
        prior_authorization=original.prior_authorization, decision_id=original.decision_id,
        total_charge=original.total_charge)
    record_creation(claim, actor, reason)
    return claim


def _reverse_charges(original: Claim, new_pcn: str, on) -> None:
    stored = JournalEntry.objects.filter(
        claim=original, entry_key=f"charge:{original.patient_control_number}").first()
    if stored is not None and not JournalEntry.objects.filter(reverses=stored).exists():
        post_entry(original.practice_id, dl.reverse(
            as_domain(stored), f"charge-reversal:{original.patient_control_number}", on,
            memo=f"Charges of {original.patient_control_number} replaced by {new_pcn}"),
            claim=original, patient=original.patient)


@transaction.atomic
def replace_claim(original: Claim, *, actor: Any = None, reason: str,
                  lines: Iterable[Mapping[str, Any]] | None = None,
                  diagnoses: list[str] | None = None) -> Claim:
    """A frequency-7 claim with the corrected lines (default: the original's lines)."""
    _check(original, "corrected")
    if not reason.strip():
        raise CorrectionRefused("say what is corrected (the reason is kept on the claim)")
    new = _copy(original, FrequencyCode.REPLACEMENT, actor, f"corrects "
                f"{original.patient_control_number}: {reason.strip()}"[:200])
    if diagnoses:
        new.diagnoses = diagnoses[:12]
    source = list(lines) if lines is not None else [
        {"code": ln.code, "modifiers": ln.modifiers, "units": ln.units, "charge": ln.charge,
         "place_of_service": ln.place_of_service, "diagnosis_pointers": ln.diagnosis_pointers,
         "date_of_service": ln.date_of_service} for ln in original.lines.order_by("line_number")]
    made = [ClaimLine(practice_id=new.practice_id, claim=new, line_number=i, code=ln["code"],
                      modifiers=list(ln.get("modifiers") or []), units=Decimal(str(ln["units"])),
                      charge=Decimal(str(ln["charge"])),
                      place_of_service=ln.get("place_of_service") or "",
                      diagnosis_pointers=list(ln.get("diagnosis_pointers") or [1]),
                      date_of_service=ln["date_of_service"],
                      line_control_number=f"{new.patient_control_number}.{i}")
            for i, ln in enumerate(source, start=1)]
    if not made:
        raise CorrectionRefused("a corrected claim needs at least one line")
    ClaimLine.objects.bulk_create(made)
    new.total_charge = sum((ln.charge for ln in made), Decimal(0))
    new.save(update_fields=["total_charge", "diagnoses"])
    audit.record_many("create", made, actor=actor)
    on = min(ln.date_of_service for ln in made)
    _reverse_charges(original, new.patient_control_number, on)
    post_entry(new.practice_id, charge_entry(new, made), claim=new, patient=new.patient)
    move(original, ClaimState.CLOSED, actor=actor,
         reason=f"replaced by {new.patient_control_number}")
    return new


@transaction.atomic
def void_claim(original: Claim, *, actor: Any = None, reason: str) -> Claim:
    """A frequency-8 claim cancelling the original with the payer."""
    _check(original, "voided")
    if not reason.strip():
        raise CorrectionRefused("say why the claim is voided (the reason is kept on the claim)")
    new = _copy(original, FrequencyCode.VOID, actor,
                f"voids {original.patient_control_number}: {reason.strip()}"[:200])
    made = [ClaimLine(practice_id=new.practice_id, claim=new, line_number=ln.line_number,
                      code=ln.code, modifiers=ln.modifiers, units=ln.units, charge=ln.charge,
                      place_of_service=ln.place_of_service,
                      diagnosis_pointers=ln.diagnosis_pointers, date_of_service=ln.date_of_service,
                      line_control_number=f"{new.patient_control_number}.{ln.line_number}")
            for ln in original.lines.order_by("line_number")]
    ClaimLine.objects.bulk_create(made)
    audit.record_many("create", made, actor=actor)
    _reverse_charges(original, new.patient_control_number, min(ln.date_of_service for ln in made))
    move(original, ClaimState.CLOSED, actor=actor, reason=f"voided by {new.patient_control_number}")
    return new
