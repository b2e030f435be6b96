"""/api/v1/coverages: insurance coverages of the current practice's patients (PHI)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.models import Coverage
from bhbilling.app.records.coverages import create_coverage, update_coverage
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.entrypoints.api.schemas.coverages import CoverageIn, CoverageOut, CoveragePatch

router = Router(tags=["coverages"])


@router.get("", response=list[CoverageOut])
@paginate(AuditedLimitOffset)
def list_coverages(request: HttpRequest, patient: int | None = None):
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Coverage)
    rows = Coverage.objects.all()
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    return rows.order_by("patient_id", "priority", "-starts_on", "id")


@router.get("/{int:coverage_id}", response=CoverageOut)
def get_coverage(request: HttpRequest, coverage_id: int):
    require(request, Permission.VIEW_PHI)
    coverage = get_object_or_404(Coverage.objects, pk=coverage_id)
    audit.record("read", coverage, actor=actor(request))
    return coverage


@router.post("", response={201: CoverageOut})
def post_coverage(request: HttpRequest, payload: CoverageIn):
    require(request, Permission.EDIT_PHI)
    return Status(201, create_coverage(payload.model_dump(), practice_id=request.practice_id))


@router.patch("/{int:coverage_id}", response=CoverageOut)
def patch_coverage(request: HttpRequest, coverage_id: int, payload: CoveragePatch):
    require(request, Permission.EDIT_PHI)
    coverage = get_object_or_404(Coverage.objects, pk=coverage_id)
    return update_coverage(coverage, payload.model_dump(exclude_unset=True))
