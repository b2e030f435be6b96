"""/api/v1/authorizations: prior authorizations with their balance, alerts, booking checks.

- GET (list, VIEW_PHI, audited) and GET /{id} answer each authorization with ``usage``:
  units approved, used (billed), pending (scheduled), remaining (negative = overbooked),
  percent committed and sessions beyond the limit (``app.authorizations.usage``).
- POST creates and PATCH edits (EDIT_PHI; validated and audited by the service); ids of
  another practice's patient or another company's payer are "no such record" (422).
- GET /alerts is the worklist; each row's ``id`` is its authorization's id (null for a
  session no authorization covers).
- POST /check answers the blocking warning for booking (or, with ``charging``, billing) a
  session: authorization units, weekly cap, and the plan's visit limit.
The list is paged by hand (limit/offset, like the other lists) so balances are computed
for the page in one pass.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from bhbilling.app import audit
from bhbilling.app.authorizations.booking import check_booking
from bhbilling.app.authorizations.records import create_authorization, update_authorization
from bhbilling.app.authorizations.usage import UsageRow, alert_rows, usage_of
from bhbilling.app.models import Authorization, ClinicalSession, Patient
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import DEFAULT_PAGE, MAX_PAGE
from bhbilling.entrypoints.api.schemas import patch_schema

router = Router(tags=["authorizations"])


class AuthorizationIn(Schema):
    patient_id: int
    payer_id: int
    coverage_id: int | None = None
    provider_id: int | None = Field(None, description="empty: any provider of the practice")
    number: str = Field(max_length=50, description="sent on the claim as 837P 2300 REF*G1")
    codes: list[str] = Field(description="CPT/HCPCS codes or group:<name>")
    unit_type: str = Field("visit", description="visit, 15min or day")
    units_approved: int = Field(ge=0, le=99999)
    starts_on: dt.date
    ends_on: dt.date
    per_week_limit: int | None = None
    notes: str = Field("", max_length=300)
    active: bool = True


AuthorizationPatch = patch_schema(AuthorizationIn, "AuthorizationPatch")


class UsageOut(Schema):
    approved: int
    used: int
    pending: int
    remaining: int
    committed: int
    percent: int
    over_limit: int


class AuthorizationOut(Schema):
    id: int
    practice_id: int
    patient_id: int
    payer_id: int
    coverage_id: int | None
    provider_id: int | None
    number: str
    codes: list[str]
    unit_type: str
    units_approved: int
    starts_on: dt.date
    ends_on: dt.date
    per_week_limit: int | None
    notes: str
    active: bool
    usage: UsageOut


class AuthorizationPage(Schema):
    items: list[AuthorizationOut]
    count: int


class AlertOut(Schema):
    id: int | None = Field(description="the authorization's id; null when none covers the session")
    kind: str
    message: str
    blocking: bool
    patient_id: int
    authorization_number: str
    payer: str
    session_id: int | None


class CheckIn(Schema):
    patient_id: int
    date_of_service: dt.date
    codes: list[str] = Field(default_factory=list, description="expected codes, primary first")
    service_type: str = ""
    minutes: int | None = Field(None, ge=0)
    provider_id: int | None = None
    session_id: int | None = Field(None, description="re-check this booked session")
    charging: bool = False


class CheckOut(Schema):
    blocking: bool
    messages: list[str]
    authorization_number: str
    remaining_after: int | None
    visits: dict[str, Any] | None


def _out(u: UsageRow) -> dict[str, Any]:
    a = u.authorization
    return {"id": a.pk, "practice_id": a.practice_id, "patient_id": a.patient_id,
            "payer_id": a.payer_id, "coverage_id": a.coverage_id, "provider_id": a.provider_id,
            "number": a.number, "codes": list(a.codes), "unit_type": a.unit_type,
            "units_approved": int(a.units_approved), "starts_on": a.starts_on, "ends_on": a.ends_on,
            "per_week_limit": a.per_week_limit, "notes": a.notes, "active": a.active,
            "usage": {"approved": u.approved, "used": u.used, "pending": u.pending,
                      "remaining": u.remaining, "committed": u.committed, "percent": u.percent,
                      "over_limit": u.over_limit}}


def _one(row: Authorization) -> dict[str, Any]:
    return _out(usage_of([row])[row.pk])


class PageIn(Schema):
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0)


@router.get("", response=AuthorizationPage)
def list_authorizations(request: HttpRequest, page: Query[PageIn], patient: int | None = None,
                        active: bool | None = None):
    require(request, Permission.VIEW_PHI)
    rows = Authorization.objects.select_related("patient", "payer").order_by("ends_on", "id")
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    if active is not None:
        rows = rows.filter(active=active)
    shown = list(rows[page.offset:page.offset + page.limit])
    usage = usage_of(shown)
    audit.record("list", None, object_type="authorization", practice_id=request.practice_id,
                 detail={"count": len(shown)}, actor=actor(request))
    return {"items": [_out(usage[r.pk]) for r in shown], "count": rows.count()}


@router.get("/alerts", response=list[AlertOut])
def list_alerts(request: HttpRequest, on: dt.date | None = None):
    require(request, Permission.VIEW_PHI)
    rows = alert_rows(on or timezone.localdate())
    audit.record("list", None, object_type="authorization_alert", practice_id=request.practice_id,
                 detail={"count": len(rows)}, actor=actor(request))
    return [{"id": a.authorization.pk if a.authorization else None, "kind": a.kind,
             "message": a.message, "blocking": a.blocking, "patient_id": a.patient.pk,
             "authorization_number": a.authorization.number if a.authorization else "",
             "payer": a.payer_name, "session_id": a.session_id} for a in rows]


@router.post("/check", response=CheckOut)
def post_check(request: HttpRequest, payload: CheckIn):
    require(request, Permission.VIEW_PHI)
    patient = get_object_or_404(Patient.objects.all(), pk=payload.patient_id)
    if payload.session_id is not None:
        get_object_or_404(ClinicalSession.objects.filter(patient=patient), pk=payload.session_id)
    result = check_booking(patient, on=payload.date_of_service, service_type=payload.service_type,
                           codes=payload.codes, minutes=payload.minutes,
                           provider_id=payload.provider_id, session_id=payload.session_id,
                           charging=payload.charging)
    audit.record("read", patient, actor=actor(request), detail={"view": "authorization_check"})
    visits = result.visits
    return {"blocking": result.blocking, "messages": list(result.messages),
            "authorization_number": result.authorization_number,
            "remaining_after": result.remaining_after,
            "visits": None if visits is None else {
                "limit": visits.count.limit, "period": visits.period, "used": visits.used,
                "scheduled": visits.count.scheduled, "remaining": visits.remaining,
                "year_start": visits.count.year_start, "year_end": visits.count.year_end}}


@router.get("/{int:authorization_id}", response=AuthorizationOut)
def get_authorization(request: HttpRequest, authorization_id: int):
    require(request, Permission.VIEW_PHI)
    row = get_object_or_404(Authorization.objects.all(), pk=authorization_id)
    audit.record("read", row, actor=actor(request))
    return _one(row)


@router.post("", response={201: AuthorizationOut})
def post_authorization(request: HttpRequest, payload: AuthorizationIn):
    require(request, Permission.EDIT_PHI)
    row = create_authorization(payload.model_dump(), practice_id=request.practice_id,
                               actor=actor(request))
    return Status(201, _one(row))


@router.patch("/{int:authorization_id}", response=AuthorizationOut)
def patch_authorization(request: HttpRequest, authorization_id: int, payload: AuthorizationPatch):
    require(request, Permission.EDIT_PHI)
    row = get_object_or_404(Authorization.objects.all(), pk=authorization_id)
    return _one(update_authorization(row, payload.model_dump(exclude_unset=True), actor=actor(request)))
