"""/api/v1/appeals: appeals of denials, their letters and decisions.

Every operation needs WORK_DENIALS in the current practice (the appeal shows PHI and is
denial work). Reads are audited; writes go through ``app.appeals.service`` (its checks
and audit), and a refused action answers 422 with the service's message.

- GET ?status=open|draft|sent|decided|all: the list, soonest deadline first, with days
  left and the reminder date that is due for an unsent appeal.
- POST {denial_id, late_ok?, late_reason?}: start a level-1 appeal from a denial (201);
  POST {after_appeal_id, ...}: start the next level after that lost appeal (201).
- GET /{id}: one appeal with its letter text and the next level offered after a loss.
- POST /{id}/sent, POST /{id}/decision; GET /{id}/letter.pdf.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app.appeals import service
from bhbilling.app.appeals.letters import letter_pdf
from bhbilling.app.appeals.queries import FILTERS, AppealRow, appeal_rows, next_level_offer, row_for
from bhbilling.app.models import Appeal, Denial
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["appeals"])


class NextLevelOut(Schema):
    level: int
    name: str
    deadline: dt.date


class AppealOut(Schema):
    id: int
    practice_id: int
    claim_id: int
    denial_id: int | None
    level: int
    status: str
    category: str
    template: str
    deadline: dt.date
    days_left: int
    reminder_due_on: dt.date | None
    sent_on: dt.date | None
    decided_on: dt.date | None
    recovered: Decimal
    attachments: list[str]
    note: str


class AppealDetailOut(AppealOut):
    letter: str
    next_level: NextLevelOut | None


class LateIn(Schema):
    late_ok: bool = False
    late_reason: str = Field("", max_length=200)


class StartIn(LateIn):
    denial_id: int | None = Field(None, description="start level 1 of this denial's appeal")
    after_appeal_id: int | None = Field(None, description="start the level after this lost appeal")


class DecisionIn(Schema):
    outcome: str = Field(description="won, partial, lost or withdrawn")
    decided_on: dt.date
    recovered: Decimal = Field(Decimal("0.00"), ge=0, max_digits=12, decimal_places=2)
    note: str = Field("", max_length=200)


class DecisionOut(Schema):
    appeal: AppealDetailOut
    next_level: NextLevelOut | None


def _out(row: AppealRow) -> dict[str, Any]:
    a = row.appeal
    return {"id": a.pk, "practice_id": a.practice_id, "claim_id": a.claim_id,
            "denial_id": a.denial_id, "level": a.level, "status": a.status,
            "category": a.category, "template": a.template, "deadline": a.deadline,
            "days_left": row.days_left, "reminder_due_on": row.reminder_on, "sent_on": a.sent_on,
            "decided_on": a.decided_on, "recovered": a.recovered,
            "attachments": list(a.attachments), "note": a.note}


def _level(offer) -> dict[str, Any] | None:
    return None if offer is None else {"level": offer.level, "name": offer.name,
                                       "deadline": offer.deadline}


def _detail(appeal: Appeal) -> dict[str, Any]:
    return {**_out(row_for(appeal, timezone.localdate())), "letter": appeal.letter,
            "next_level": _level(next_level_offer(appeal))}


def _get(appeal_id: int) -> Appeal:
    return get_object_or_404(Appeal.objects.select_related("claim__payer", "denial"), pk=appeal_id)


def _refused(exc: BhBillingError):
    return HttpError(422, str(exc))


@router.get("", response=list[AppealOut])
def list_appeals(request: HttpRequest, status: str = "open"):
    require(request, Permission.WORK_DENIALS)
    if status not in FILTERS:
        raise HttpError(422, f"status: expected one of {', '.join(FILTERS)}")
    rows = appeal_rows(request.practice_id, timezone.localdate(), status)
    audit.record("list", None, object_type="appeal", practice_id=request.practice_id,
                 detail={"count": len(rows)}, actor=actor(request))
    return [_out(r) for r in rows]


@router.post("", response={201: AppealDetailOut})
def post_appeal(request: HttpRequest, payload: StartIn):
    require(request, Permission.WORK_DENIALS)
    if (payload.denial_id is None) == (payload.after_appeal_id is None):
        raise HttpError(422, "give exactly one of denial_id (level 1) or after_appeal_id "
                             "(the next level after a lost appeal)")
    late = {"late_ok": payload.late_ok, "late_reason": payload.late_reason}
    try:
        if payload.denial_id is not None:
            denial = get_object_or_404(Denial.objects.select_related("claim"), pk=payload.denial_id)
            appeal = service.start_appeal(denial, actor=actor(request), today=timezone.localdate(),
                                          **late)
        else:
            appeal = service.start_next_level(_get(payload.after_appeal_id), actor=actor(request),
                                              today=timezone.localdate(), **late)
    except BhBillingError as exc:
        raise _refused(exc) from None
    return Status(201, _detail(_get(appeal.pk)))


@router.get("/{int:appeal_id}", response=AppealDetailOut)
def get_appeal(request: HttpRequest, appeal_id: int):
    require(request, Permission.WORK_DENIALS)
    appeal = _get(appeal_id)
    audit.record("read", appeal, actor=actor(request))
    return _detail(appeal)


@router.get("/{int:appeal_id}/letter.pdf", response={200: bytes})
def get_letter(request: HttpRequest, appeal_id: int):
    require(request, Permission.WORK_DENIALS)
    appeal = _get(appeal_id)
    response = HttpResponse(letter_pdf(appeal, actor=actor(request)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}-level{appeal.level}.pdf"'
    return response


@router.post("/{int:appeal_id}/sent", response=AppealDetailOut)
def post_sent(request: HttpRequest, appeal_id: int, payload: LateIn):
    require(request, Permission.WORK_DENIALS)
    appeal = _get(appeal_id)
    try:
        service.mark_sent(appeal, actor=actor(request), today=timezone.localdate(),
                          late_ok=payload.late_ok, late_reason=payload.late_reason)
    except BhBillingError as exc:
        raise _refused(exc) from None
    return _detail(_get(appeal_id))


@router.post("/{int:appeal_id}/decision", response=DecisionOut)
def post_decision(request: HttpRequest, appeal_id: int, payload: DecisionIn):
    require(request, Permission.WORK_DENIALS)
    appeal = _get(appeal_id)
    try:
        result = service.record_decision(appeal, outcome=payload.outcome,
                                         decided_on=payload.decided_on,
                                         recovered=payload.recovered, actor=actor(request),
                                         note=payload.note)
    except BhBillingError as exc:
        raise _refused(exc) from None
    return {"appeal": _detail(_get(appeal_id)), "next_level": _level(result.next_level)}
