"""/api/v1/patients: patients of the current practice (PHI: every read is audited)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.models import Patient
from bhbilling.app.records.patients import create_patient, update_patient
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.entrypoints.api.schemas.patients import PatientIn, PatientOut, PatientPatch

router = Router(tags=["patients"])


@router.get("", response=list[PatientOut])
@paginate(AuditedLimitOffset)
def list_patients(request: HttpRequest, q: str = ""):
    """``q`` matches first name, last name or account number (case-insensitive)."""
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Patient)
    rows = Patient.objects.all()
    q = q.strip()
    if q:
        rows = rows.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q)
                           | Q(account_number__iexact=q))
    return rows.order_by("last_name", "first_name", "id")


@router.get("/{int:patient_id}", response=PatientOut)
def get_patient(request: HttpRequest, patient_id: int):
    require(request, Permission.VIEW_PHI)
    patient = get_object_or_404(Patient.objects, pk=patient_id)
    audit.record("read", patient, actor=actor(request))
    return patient


@router.post("", response={201: PatientOut})
def post_patient(request: HttpRequest, payload: PatientIn):
    require(request, Permission.EDIT_PHI)
    return Status(201, create_patient(payload.model_dump(), practice_id=request.practice_id))


@router.patch("/{int:patient_id}", response=PatientOut)
def patch_patient(request: HttpRequest, patient_id: int, payload: PatientPatch):
    require(request, Permission.EDIT_PHI)
    patient = get_object_or_404(Patient.objects, pk=patient_id)
    return update_patient(patient, payload.model_dump(exclude_unset=True))
