"""/api/v1/sessions: documented clinical sessions of the current practice (PHI)."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.models import ClinicalSession
from bhbilling.app.records.sessions import create_session, update_session
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.entrypoints.api.schemas.sessions import SessionIn, SessionOut, SessionPatch

router = Router(tags=["sessions"])


@router.get("", response=list[SessionOut])
@paginate(AuditedLimitOffset)
def list_sessions(request: HttpRequest, patient: int | None = None, provider: int | None = None,
                  date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Filters: patient id, provider id, date of service from/to (inclusive)."""
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, ClinicalSession)
    rows = ClinicalSession.objects.all()
    if patient is not None:
        rows = rows.filter(patient_id=patient)
    if provider is not None:
        rows = rows.filter(provider_id=provider)
    if date_from is not None:
        rows = rows.filter(date_of_service__gte=date_from)
    if date_to is not None:
        rows = rows.filter(date_of_service__lte=date_to)
    return rows.order_by("-date_of_service", "-start_time", "id")


@router.get("/{int:session_id}", response=SessionOut)
def get_session(request: HttpRequest, session_id: int):
    require(request, Permission.VIEW_PHI)
    session = get_object_or_404(ClinicalSession.objects, pk=session_id)
    audit.record("read", session, actor=actor(request))
    return session


@router.post("", response={201: SessionOut})
def post_session(request: HttpRequest, payload: SessionIn):
    require(request, Permission.EDIT_PHI)
    return Status(201, create_session(payload.model_dump(), practice_id=request.practice_id))


@router.patch("/{int:session_id}", response=SessionOut)
def patch_session(request: HttpRequest, session_id: int, payload: SessionPatch):
    require(request, Permission.EDIT_PHI)
    session = get_object_or_404(ClinicalSession.objects, pk=session_id)
    return update_session(session, payload.model_dump(exclude_unset=True))
