"""/api/v1: the patient ledger, patient payments, and statements.

- ``GET /v1/patients/{id}/ledger``: every patient A/R movement with a running balance and
  what insurance paid (VIEW_PHI, audited).
- ``POST /v1/patients/{id}/payments``: a payment, refund or courtesy credit (POST_PAYMENTS);
  422 with the field and limit when the rules refuse it (refund beyond the credit, a card
  number in the reference...).
- ``/v1/statements``: list (VIEW_PHI), one with its snapshot, ``run`` for a date and
  ``{id}/sent`` (POST_PAYMENTS), ``{id}/pdf`` (VIEW_PHI, audited as an export).
Rows are looked up through the practice-scoped managers: another tenant's id is a 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.balances import patient_balances
from bhbilling.app.models import Claim, Patient, PaymentPlan, Statement, StatementStatus
from bhbilling.app.patient_billing.account import patient_ledger
from bhbilling.app.patient_billing.payments import record_credit, record_payment, record_refund
from bhbilling.app.patient_billing.snapshot import statement_pdf
from bhbilling.app.patient_billing.statements import mark_sent, run_statements
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import ZERO, quantize_cents

patients_router = Router(tags=["patient billing"])
router = Router(tags=["statements"])


class LedgerRowOut(Schema):
    on: dt.date
    claim_number: str
    date_of_service: dt.date | None
    codes: str
    description: str
    amount: Decimal
    balance: Decimal
    insurance_paid: Decimal | None


class InsurancePaidOut(Schema):
    claim_id: int
    claim_number: str
    payer: str
    paid_on: dt.date
    charge: Decimal
    paid: Decimal
    patient_responsibility: Decimal


class LedgerOut(Schema):
    patient_id: int
    balance: Decimal
    rows: list[LedgerRowOut]
    insurance_paid: list[InsurancePaidOut]


@patients_router.get("/{int:patient_id}/ledger", response=LedgerOut)
def get_ledger(request: HttpRequest, patient_id: int):
    require(request, Permission.VIEW_PHI)
    patient = get_object_or_404(Patient.objects.all(), pk=patient_id)
    ledger = patient_ledger(request.practice_id, patient)
    audit.record("read", patient, actor=actor(request), detail={"view": "ledger",
                                                                 "rows": len(ledger.rows)})
    return {"patient_id": patient.pk, "balance": ledger.balance,
            "rows": [_row(r) for r in ledger.rows],
            "insurance_paid": [{
                "claim_id": cp.claim_id, "claim_number": cp.claim.patient_control_number,
                "payer": cp.remittance.payer_name, "paid_on": cp.remittance.payment_date,
                "charge": cp.charge, "paid": cp.paid,
                "patient_responsibility": cp.patient_responsibility}
                for cp in ledger.claim_payments]}


def _row(r) -> dict:
    return {name: getattr(r, name) for name in LedgerRowOut.model_fields}


class PaymentIn(Schema):
    kind: str = Field("payment", description="payment, refund or credit")
    amount: Decimal = Field(description="dollars and cents, more than 0")
    method: str = Field("", description="cash, check, card, eft or other (not for a credit)")
    reference: str = Field("", max_length=40,
                           description="check number or card processor reference / last 4; "
                                       "never a card number")
    received_on: dt.date | None = None
    claim_id: int | None = None
    plan_id: int | None = None
    note: str = Field("", max_length=200)


class PaymentOut(Schema):
    id: int
    kind: str
    method: str
    reference: str
    amount: Decimal
    received_on: dt.date
    claim_id: int | None
    plan_id: int | None
    entry_key: str
    patient_balance: Decimal


@patients_router.post("/{int:patient_id}/payments", response=PaymentOut)
def post_payment(request: HttpRequest, patient_id: int, payload: PaymentIn):
    require(request, Permission.POST_PAYMENTS)
    patient = get_object_or_404(Patient.objects.all(), pk=patient_id)
    claim = (get_object_or_404(Claim.objects.all(), pk=payload.claim_id)
             if payload.claim_id is not None else None)
    plan = (get_object_or_404(PaymentPlan.objects.all(), pk=payload.plan_id)
            if payload.plan_id is not None else None)
    common = dict(received_on=payload.received_on or timezone.localdate(), claim=claim,
                  note=payload.note, actor=actor(request), now=timezone.now())
    try:
        if payload.kind == "refund":
            row = record_refund(patient, payload.amount, payload.method, payload.reference, **common)
        elif payload.kind == "credit":
            row = record_credit(patient, payload.amount, **common)
        elif payload.kind == "payment":
            row = record_payment(patient, payload.amount, payload.method, payload.reference,
                                 plan=plan, **common)
        else:
            raise BhBillingError(f"kind: expected payment, refund or credit, got {payload.kind!r}")
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return {"id": row.pk, "kind": row.kind, "method": row.method, "reference": row.reference,
            "amount": row.amount, "received_on": row.received_on, "claim_id": row.claim_id,
            "plan_id": row.plan_id, "entry_key": row.entry.entry_key,
            "patient_balance": quantize_cents(
                patient_balances(request.practice_id, [patient.pk]).get(patient.pk, ZERO))}


class StatementOut(Schema):
    id: int
    number: str
    patient_id: int
    statement_date: dt.date
    due_on: dt.date
    balance: Decimal
    amount_due: Decimal
    status: str
    hold_reason: str
    sent_on: dt.date | None

    @staticmethod
    def resolve_amount_due(obj) -> Decimal:
        return Decimal(obj.snapshot.get("amount_due", obj.balance))


class StatementDetailOut(StatementOut):
    snapshot: dict


class RunIn(Schema):
    run_date: dt.date | None = Field(None, description="default: today")


class RefundReviewOut(Schema):
    patient_id: int
    credit: Decimal


class RunOut(Schema):
    run_date: dt.date
    ready: list[StatementOut]
    held: list[StatementOut]
    refund_review: list[RefundReviewOut]
    skipped: int
    removed: int


class SentIn(Schema):
    sent_on: dt.date | None = Field(None, description="default: today")


@router.get("", response=list[StatementOut])
@paginate(AuditedLimitOffset)
def list_statements(request: HttpRequest, status: str | None = None, patient: int | None = None):
    """Newest first; filter by status (ready, sent, held) or patient id."""
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Statement)
    rows = Statement.objects.order_by("-statement_date", "-id")
    if status is not None:
        if status not in StatementStatus.values:
            raise HttpError(422, f"status: expected one of {', '.join(StatementStatus.values)}")
        rows = rows.filter(status=status)
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    return rows


@router.get("/{int:statement_id}", response=StatementDetailOut)
def get_statement(request: HttpRequest, statement_id: int):
    require(request, Permission.VIEW_PHI)
    row = get_object_or_404(Statement.objects.all(), pk=statement_id)
    audit.record("read", row, actor=actor(request))
    return row


@router.post("/run", response=RunOut)
def run(request: HttpRequest, payload: RunIn):
    """Statements for every patient who owes on the run date: ready, or held with reasons."""
    require(request, Permission.POST_PAYMENTS)
    result = run_statements(request.practice_id, payload.run_date or timezone.localdate(),
                            actor=actor(request), now=timezone.now())
    return {"run_date": result.run_date, "ready": result.ready, "held": result.held,
            "refund_review": [{"patient_id": pid, "credit": credit}
                              for pid, credit in result.refund_review],
            "skipped": len(result.skipped), "removed": result.removed}


@router.post("/{int:statement_id}/sent", response=StatementOut)
def sent(request: HttpRequest, statement_id: int, payload: SentIn):
    require(request, Permission.POST_PAYMENTS)
    row = get_object_or_404(Statement.objects.all(), pk=statement_id)
    try:
        return mark_sent(row, sent_on=payload.sent_on or timezone.localdate(), actor=actor(request))
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None


@router.get("/{int:statement_id}/pdf", response={200: str})
def pdf(request: HttpRequest, statement_id: int):
    """The statement as printed (application/pdf), from its snapshot."""
    require(request, Permission.VIEW_PHI)
    row = get_object_or_404(Statement.objects.all(), pk=statement_id)
    audit.record("export", row, actor=actor(request), detail={"format": "pdf"})
    response = HttpResponse(statement_pdf(row), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statement-{row.number}.pdf"'
    return response
