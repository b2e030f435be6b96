"""/api/v1/sessions/{id}/coding: the proposed claim lines of a session and the coder's decision.

- GET answers the current decision, or a fresh proposal that is not stored (a read never
  writes); reading needs VIEW_PHI and is audited.
- POST .../coding/propose stores the engine's proposal; POST .../coding/decision records the
  coder's lines (accepted, or changed with a reason). Both need EDIT_CLAIMS.
- Sessions are looked up through the practice-scoped manager, so another tenant's id is 404
  before anything runs.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app import coding as use_cases
from bhbilling.app.models import ClinicalSession
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.schemas.coding import CodingOut, DecisionIn, DecisionOut
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["coding"])


def _session(session_id: int) -> ClinicalSession:
    return get_object_or_404(
        ClinicalSession.objects.select_related("provider__supervisor", "location"), pk=session_id
    )


def _unprocessable(exc: BhBillingError) -> HttpError:
    """A payer profile that cannot load is a setup problem the caller can fix: 422."""
    return HttpError(422, str(exc))


@router.get("/{int:session_id}/coding", response=CodingOut)
def get_coding(request: HttpRequest, session_id: int):
    require(request, Permission.VIEW_PHI)
    session = _session(session_id)
    history = list(use_cases.decision_history(session))
    try:
        current = history[0] if history else use_cases.preview(session)
    except BhBillingError as exc:
        raise _unprocessable(exc) from None
    audit.record("read", session, actor=actor(request), detail={"view": "coding"})
    return {"current": current, "history": history}


@router.post("/{int:session_id}/coding/propose", response=DecisionOut)
def post_proposal(request: HttpRequest, session_id: int):
    require(request, Permission.EDIT_CLAIMS)
    session = _session(session_id)
    try:
        return use_cases.propose(session, actor(request))
    except BhBillingError as exc:
        raise _unprocessable(exc) from None


@router.post("/{int:session_id}/coding/decision", response=DecisionOut)
def post_decision(request: HttpRequest, session_id: int, payload: DecisionIn):
    require(request, Permission.EDIT_CLAIMS)
    session = _session(session_id)
    lines = [line.model_dump() for line in payload.lines]
    try:
        return use_cases.decide(session, lines, actor=actor(request), reason=payload.reason)
    except BhBillingError as exc:
        raise _unprocessable(exc) from None
