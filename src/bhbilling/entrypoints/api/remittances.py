"""/api/v1/remittances: posted 835 payments with their claim payments; import a file.

Reading needs VIEW_PHI (audited); importing needs POST_PAYMENTS. The import answers the
same report as the CLI: posted, duplicate (already imported) or quarantined with why.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.models import Practice, Remittance
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as

router = Router(tags=["remittances"])
MAX_CONTENT = 50 * 1024 * 1024


class ClaimPaymentOut(Schema):
    id: int
    position: int
    claim_id: int | None
    patient_control_number: str
    payer_claim_number: str
    status_code: str
    charge: str
    paid: str
    patient_responsibility: str
    adjustments: list[dict]
    lines: list[dict]
    match_method: str

    @staticmethod
    def resolve_charge(obj) -> str:
        return str(obj.charge)

    @staticmethod
    def resolve_paid(obj) -> str:
        return str(obj.paid)

    @staticmethod
    def resolve_patient_responsibility(obj) -> str:
        return str(obj.patient_responsibility)


class RemittanceOut(Schema):
    id: int
    payer_name: str
    trace_number: str
    amount: str
    method: str
    payment_date: dt.date
    deposit_id: int | None

    @staticmethod
    def resolve_amount(obj) -> str:
        return str(obj.amount)


class RemittanceDetailOut(RemittanceOut):
    claims: list[ClaimPaymentOut]

    @staticmethod
    def resolve_claims(obj):
        return list(obj.claims.order_by("position"))


class ImportIn(Schema):
    file_name: str = Field(max_length=255)
    content: str = Field(description="the 835 text", max_length=MAX_CONTENT)


class ImportOut(Schema):
    status: str
    reason: str
    problems: list[dict]
    claims_matched: int
    claims_unmatched: int
    paid: str
    denials: int


@router.get("", response=list[RemittanceOut])
@paginate(AuditedLimitOffset)
def list_remittances(request: HttpRequest):
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Remittance)
    return Remittance.objects.order_by("-payment_date", "-id")


@router.get("/{int:remittance_id}", response=RemittanceDetailOut)
def get_remittance(request: HttpRequest, remittance_id: int):
    require(request, Permission.VIEW_PHI)
    rem = get_object_or_404(Remittance.objects.all(), pk=remittance_id)
    audit.record("read", rem, actor=actor(request))
    return rem


@router.post("", response=ImportOut)
def import_file(request: HttpRequest, payload: ImportIn):
    require(request, Permission.POST_PAYMENTS)
    practice = Practice.objects.get(pk=request.practice_id)
    report = import_remittance_file(practice, payload.content.encode(), payload.file_name,
                                    actor=actor(request))
    t = report.totals
    return {"status": report.status, "reason": report.reason, "problems": report.problems,
            "claims_matched": t.claims_matched, "claims_unmatched": t.claims_unmatched,
            "paid": str(t.paid), "denials": t.denials}
