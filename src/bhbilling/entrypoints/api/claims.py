"""/api/v1/claims: list and read claims, build them from coded sessions, mark them ready.

Reading needs VIEW_PHI (audited); building and checking need EDIT_CLAIMS. Claims are looked
up through the practice-scoped manager: another tenant's id is a 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.claims.build import build_claims
from bhbilling.app.claims.corrections import replace_claim, void_claim
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.models import Claim, ClaimState, ClinicalSession, SessionStatus
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.entrypoints.api.schemas.claims import (
    BuildIn,
    BuildOut,
    ClaimDetailOut,
    ClaimOut,
    ReadyOut,
)
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["claims"])


@router.get("", response=list[ClaimOut])
@paginate(AuditedLimitOffset)
def list_claims(request: HttpRequest, state: str | None = None, patient: int | None = None):
    """Newest first; filter by state or patient id."""
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Claim)
    rows = Claim.objects.order_by("-id")
    if state is not None:
        if state not in ClaimState.values:
            raise HttpError(422, f"state: expected one of {', '.join(ClaimState.values)}")
        rows = rows.filter(state=state)
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    return rows


@router.get("/{int:claim_id}", response=ClaimDetailOut)
def get_claim(request: HttpRequest, claim_id: int):
    require(request, Permission.VIEW_PHI)
    claim = get_object_or_404(Claim.objects.all(), pk=claim_id)
    audit.record("read", claim, actor=actor(request), patient_id=claim.patient_id)
    return claim


class CorrectionIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
    lines: list[dict] | None = Field(None, description="corrected lines (replace only); "
                                     "default: the original's lines")


@router.post("/{int:claim_id}/replace", response=ClaimDetailOut)
def replace(request: HttpRequest, claim_id: int, payload: CorrectionIn):
    """A frequency-7 replacement of an adjudicated claim (REF*F8 = the payer's number)."""
    require(request, Permission.EDIT_CLAIMS)
    claim = get_object_or_404(Claim.objects.all(), pk=claim_id)
    try:
        return replace_claim(claim, actor=actor(request), reason=payload.reason,
                             lines=payload.lines)
    except (BhBillingError, KeyError, ValueError, ArithmeticError) as exc:
        raise HttpError(422, f"cannot correct: {exc}") from None


@router.post("/{int:claim_id}/void", response=ClaimDetailOut)
def void(request: HttpRequest, claim_id: int, payload: CorrectionIn):
    """A frequency-8 void of an adjudicated claim."""
    require(request, Permission.EDIT_CLAIMS)
    claim = get_object_or_404(Claim.objects.all(), pk=claim_id)
    try:
        return void_claim(claim, actor=actor(request), reason=payload.reason)
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None


@router.post("/build", response=BuildOut)
def build(request: HttpRequest, payload: BuildIn):
    """Build a draft claim for each completed, signed, coded session that has none."""
    require(request, Permission.EDIT_CLAIMS)
    rows = (ClinicalSession.objects.filter(status=SessionStatus.COMPLETED, note_signed=True,
                                           claims__isnull=True)
            .select_related("provider__supervisor", "patient", "location"))
    if payload.date_from:
        rows = rows.filter(date_of_service__gte=payload.date_from)
    if payload.date_to:
        rows = rows.filter(date_of_service__lte=payload.date_to)
    summary = build_claims(rows, actor=actor(request))
    return {"built": [c.patient_control_number for c in summary.claims],
            "skipped": [why for _sid, why in summary.skipped]}


@router.post("/ready", response=ReadyOut)
def ready(request: HttpRequest):
    """Run the readiness gates on every draft: ready, or blocked with the reasons."""
    require(request, Permission.EDIT_CLAIMS)
    summary = prepare_claims(claims_to_check(request.practice_id), actor=actor(request))
    return {"ready": [c.patient_control_number for c in summary.ready],
            "blocked": summary.blocked}
