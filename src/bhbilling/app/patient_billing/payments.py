"""Recording patient payments, refunds and credits: one row, one balanced entry, one audit event.

The rules (limits, the card-number guard, which accounts move) are pure, in
``domain.receivables.payments``; this module checks them against the ledger balance, stores
the ``PatientPayment`` row and posts its entry with the stable key
``patient-<kind>:<row id>`` in one transaction, so a failure leaves neither behind. The
balance is read inside that transaction after locking the patient row, so two refunds of
the same credit cannot both pass the limit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.balances import patient_balances
from bhbilling.app.ledger import post_entry
from bhbilling.domain.receivables.payments import PaymentRefused, PaymentRequest, check_request, entry_for
from bhbilling.kernel.errors import TenantScopeError
from bhbilling.kernel.money import ZERO

__all__ = ["PaymentRefused", "record_credit", "record_payment", "record_refund"]


def local_day(now: dt.datetime) -> dt.date:
    """The practice-local calendar day of ``now`` (aware datetimes are converted)."""
    return timezone.localtime(now).date() if timezone.is_aware(now) else now.date()


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def _record(kind: str, patient: m.Patient, amount: Decimal | str, *, method: str, reference: str,
            received_on: dt.date, claim: m.Claim | None, plan: m.PaymentPlan | None, note: str,
            actor: Any, now: dt.datetime) -> m.PatientPayment:
    practice_id = patient.practice_id
    for row, what in ((claim, "claim"), (plan, "payment plan")):
        if row is not None and row.practice_id != practice_id:
            raise TenantScopeError(f"the {what} belongs to another practice")
    if claim is not None and claim.patient_id != patient.pk:
        raise PaymentRefused(f"claim: {claim.patient_control_number} is not this patient's claim")
    if plan is not None:
        if plan.patient_id != patient.pk:
            raise PaymentRefused(f"plan: payment plan {plan.pk} is not this patient's plan")
        if kind == "payment" and plan.status not in (m.PaymentPlanStatus.ACTIVE,
                                                     m.PaymentPlanStatus.DEFAULTED):
            raise PaymentRefused(f"plan: payment plan {plan.pk} is {plan.get_status_display().lower()}"
                                 "; record the payment without the plan")
    with transaction.atomic():
        m.Patient.unscoped.select_for_update().filter(pk=patient.pk).first()
        balance = patient_balances(practice_id, [patient.pk]).get(patient.pk, ZERO)
        req = check_request(PaymentRequest(kind, amount, method or "", reference or "",
                                           received_on, note or ""), balance=balance)
        row = m.PatientPayment.unscoped.create(
            practice_id=practice_id, patient=patient, kind=kind, method=req.method,
            reference=req.reference[:40], amount=req.amount, received_on=req.received_on,
            claim=claim, plan=plan, note=req.note[:200], recorded_by=_user(actor), recorded_at=now)
        entry = entry_for(req, f"patient-{kind}:{row.pk}",
                          claim.patient_control_number if claim else "")
        row.entry = post_entry(practice_id, entry, claim=claim, patient=patient, posted_at=now)
        row.save(update_fields=["entry"])
        audit.record("create", row, actor=actor, detail={"kind": kind, "method": req.method})
    if plan is not None:
        from bhbilling.app.patient_billing.plans import refresh_status

        refresh_status(plan, as_of=received_on, actor=actor)
    return row


def record_payment(patient: m.Patient, amount: Decimal | str, method: str, reference: str = "",
                   received_on: dt.date | None = None, *, claim: m.Claim | None = None,
                   plan: m.PaymentPlan | None = None, note: str = "", actor: Any = None,
                   now: dt.datetime) -> m.PatientPayment:
    """Money from the patient: Dr cash clearing, Cr patient A/R (may leave a credit balance)."""
    return _record("payment", patient, amount, method=method, reference=reference,
                   received_on=received_on or local_day(now), claim=claim, plan=plan, note=note,
                   actor=actor, now=now)


def record_refund(patient: m.Patient, amount: Decimal | str, method: str, reference: str = "",
                  received_on: dt.date | None = None, *, claim: m.Claim | None = None,
                  note: str = "", actor: Any = None, now: dt.datetime) -> m.PatientPayment:
    """Money back to the patient, at most their credit balance: Dr patient A/R, Cr cash."""
    return _record("refund", patient, amount, method=method, reference=reference,
                   received_on=received_on or local_day(now), claim=claim, plan=None, note=note,
                   actor=actor, now=now)


def record_credit(patient: m.Patient, amount: Decimal | str, *, received_on: dt.date | None = None,
                  claim: m.Claim | None = None, note: str = "", actor: Any = None,
                  now: dt.datetime) -> m.PatientPayment:
    """A courtesy adjustment, at most what is owed: Dr other adjustments, Cr patient A/R."""
    return _record("credit", patient, amount, method="", reference="",
                   received_on=received_on or local_day(now), claim=claim, plan=None, note=note,
                   actor=actor, now=now)
