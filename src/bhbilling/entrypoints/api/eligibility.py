"""Eligibility over the API: the patient's benefit summaries, 270 inquiries, 271 answers.

Two routers (mounted in ``root``):
- ``patients_router`` on /v1/patients (an extra router, like coding on /v1/sessions):
  GET /{id}/eligibility answers the newest stored answer per payer (summary JSON, status,
  when) with the plan's visit count; POST /{id}/eligibility/inquiry writes a 270 for the
  patient's primary coverage and answers its text: no clearinghouse connection sends it
  yet, so the caller sends the file and posts the 271 back.
- ``router`` on /v1/eligibility: stored checks (list, and one with its raw 271), and POST
  of a 271 (``content``), filed under the patients it answers (``patient_id`` restricts it
  to one patient, as an upload on the patient's page does).
Reads need VIEW_PHI and are audited; writing a 270 or recording a 271 needs EDIT_PHI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.authorizations.visits import visit_status
from bhbilling.app.eligibility.inquiries import plan_for_patient, write_inquiries
from bhbilling.app.eligibility.recording import record_271
from bhbilling.app.eligibility.stored import latest_checks
from bhbilling.app.models import EligibilityCheck, Patient, Practice
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["eligibility"])
patients_router = Router(tags=["eligibility"])
MAX_CONTENT = 10 * 1024 * 1024
NO_CONNECTION = ("No clearinghouse connection sends eligibility inquiries yet: send this 270 "
                 "through the clearinghouse and record the 271 answer (POST /api/v1/eligibility).")


class CheckOut(Schema):
    id: int
    patient_id: int
    coverage_id: int | None
    payer_id: int | None
    service_date: dt.date
    checked_at: dt.datetime
    status: str
    trace_number: str
    source: str
    summary: dict[str, Any]


class CheckDetailOut(CheckOut):
    response_271: str


class VisitsOut(Schema):
    limit: int | None
    period: str
    used: int
    scheduled: int
    remaining: int
    year_start: dt.date
    year_end: dt.date


class PatientEligibilityOut(Schema):
    patient_id: int
    checks: list[CheckOut]
    visits: VisitsOut | None


class InquiryOut(Schema):
    file_name: str
    interchange_number: int
    content: str
    message: str


class ResponseIn(Schema):
    file_name: str = Field(max_length=255)
    content: str = Field(description="the 271 text", max_length=MAX_CONTENT)
    patient_id: int | None = Field(None, description="file the answer under this patient only")
    on: dt.date | None = Field(None, description="the date asked about (default today)")


class RecordOut(Schema):
    checks: list[CheckOut]
    duplicates: int
    unmatched: list[str]


def _patient(patient_id: int) -> Patient:
    return get_object_or_404(Patient.objects.all(), pk=patient_id)


@patients_router.get("/{int:patient_id}/eligibility", response=PatientEligibilityOut)
def get_patient_eligibility(request: HttpRequest, patient_id: int, on: dt.date | None = None):
    """``on`` dates the visit count's benefit year (default today)."""
    require(request, Permission.VIEW_PHI)
    patient = _patient(patient_id)
    checks = latest_checks(patient)
    visits = visit_status(patient, on or timezone.localdate())
    audit.record("read", patient, actor=actor(request),
                 detail={"view": "eligibility", "checks": len(checks)})
    return {"patient_id": patient.pk, "checks": checks, "visits": None if visits is None else {
        "limit": visits.count.limit, "period": visits.period, "used": visits.used,
        "scheduled": visits.count.scheduled, "remaining": visits.remaining,
        "year_start": visits.count.year_start, "year_end": visits.count.year_end}}


@patients_router.post("/{int:patient_id}/eligibility/inquiry", response=InquiryOut)
def post_inquiry(request: HttpRequest, patient_id: int, on: dt.date | None = None):
    require(request, Permission.EDIT_PHI)
    patient = _patient(patient_id)
    practice = Practice.objects.get(pk=request.practice_id)
    try:
        f = write_inquiries(practice, [plan_for_patient(patient, on or timezone.localdate())],
                            now=timezone.now(), actor=actor(request))
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return {"file_name": f.file_name, "interchange_number": f.interchange_number,
            "content": f.content, "message": NO_CONNECTION}


@router.get("", response=list[CheckOut])
@paginate(AuditedLimitOffset)
def list_checks(request: HttpRequest, patient: int | None = None):
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, EligibilityCheck)
    rows = EligibilityCheck.objects.all()
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    return rows.order_by("-checked_at", "-id")


@router.get("/{int:check_id}", response=CheckDetailOut)
def get_check(request: HttpRequest, check_id: int):
    require(request, Permission.VIEW_PHI)
    check = get_object_or_404(EligibilityCheck.objects.all(), pk=check_id)
    audit.record("read", check, actor=actor(request))
    return check


@router.post("", response=RecordOut)
def post_response(request: HttpRequest, payload: ResponseIn):
    require(request, Permission.EDIT_PHI)
    practice = Practice.objects.get(pk=request.practice_id)
    patient = _patient(payload.patient_id) if payload.patient_id is not None else None
    try:
        report = record_271(practice, payload.content.encode(), payload.file_name,
                            on=payload.on or timezone.localdate(), patient=patient,
                            actor=actor(request), source="api")
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return {"checks": report.checks, "duplicates": report.duplicates, "unmatched": report.unmatched}
