"""/api/v1/denials (the workbench) and /api/v1/writeoffs (the approval queue).

Denials need WORK_DENIALS in the current practice (each row shows PHI and is denial work);
write-offs need APPROVE_WRITEOFFS. Reads are audited; writes go through ``app.denials`` and
``app.writeoffs`` (their checks and audit); a refused action answers 422 with its message.
Ids of another practice are "not found" (the practice-scoped manager never sees them).

- GET /denials?category=&payer_id=&assignee=me|none|<user id>&status=|all|open|...:
  the queue, highest expected recovery first, then the soonest deadline.
- GET /denials/{id}; POST /denials/{id}/assign {user_id | to_me | null = unassign};
  POST /denials/{id}/actions {action: correct|void|appeal|write_off|to_patient|next_payer, ...}.
- GET /writeoffs?status=pending|approved|rejected|all; POST /writeoffs/{id}/approve|reject.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app.denials.assignment import assign, workers
from bhbilling.app.denials.perform import ACTION_LABELS, perform
from bhbilling.app.denials.queue import QueueFilters, QueueItem, item_for, workbench
from bhbilling.app.models import Denial, DenialStatus, WriteOff, WriteOffStatus
from bhbilling.app.writeoffs import approve, reject
from bhbilling.domain.access import Permission
from bhbilling.domain.denials import Category
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["denials"])
writeoffs_router = Router(tags=["write-offs"])


class CodeOut(Schema):
    code: str
    text: str


class DenialOut(Schema):
    id: int
    practice_id: int
    claim_id: int
    claim_number: str
    patient_id: int
    payer_id: int | None
    payer_name: str
    date_of_service: dt.date | None
    procedure_code: str
    amount: Decimal
    group_code: str
    reason_codes: list[str]
    remark_codes: list[str]
    codes: list[CodeOut]
    category: str
    category_label: str
    correctable: bool
    appealable: bool
    recommended_action: str
    recovery_chance: Decimal
    expected_recovery: Decimal
    appeal_deadline: dt.date | None
    days_left: int | None
    status: str
    resolution: str
    assigned_to_id: int | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None


class AssignIn(Schema):
    user_id: int | None = Field(None, description="a user who may work denials here; null unassigns")
    to_me: bool = Field(False, description="assign to the caller")


class ActionIn(Schema):
    action: str = Field(description=", ".join(ACTION_LABELS))
    reason: str = Field("", max_length=180, description="required for correct, void and write_off")
    amount: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2,
                                   description="write_off only; default the denied amount")
    kind: str = Field("administrative", description="write_off kind (bad_debt, timely_filing, ...)")
    waiver_on_file: bool = Field(False, description="to_patient: signed waiver/ABN on file")
    late_ok: bool = False
    late_reason: str = Field("", max_length=200)


class ActionOut(Schema):
    action: str
    message: str
    claim_id: int | None
    appeal_id: int | None
    write_off_id: int | None
    entry_id: int | None
    denial: DenialOut


class WriteOffOut(Schema):
    id: int
    practice_id: int
    claim_id: int | None
    patient_id: int | None
    denial_id: int | None
    source: str
    amount: Decimal
    kind: str
    reason: str
    rule: str
    status: str
    requested_by_id: int | None
    requested_at: dt.datetime
    decided_by_id: int | None
    decided_at: dt.datetime | None
    decision_note: str
    entry_id: int | None


class DecideIn(Schema):
    note: str = Field("", max_length=200)


def _out(it: QueueItem) -> dict[str, Any]:
    d = it.denial
    return {
        "id": d.pk, "practice_id": d.practice_id, "claim_id": d.claim_id,
        "claim_number": d.claim.patient_control_number, "patient_id": d.claim.patient_id,
        "payer_id": d.claim.payer_id, "payer_name": d.claim.payer.name if d.claim.payer else "",
        "date_of_service": d.payment.service_date, "procedure_code": d.procedure_code,
        "amount": d.amount, "group_code": d.group_code, "reason_codes": list(d.reason_codes or []),
        "remark_codes": list(d.remark_codes or []),
        "codes": [{"code": c, "text": t} for c, t in it.codes],
        "category": it.category.value, "category_label": it.category.label,
        "correctable": it.advice.correctable, "appealable": it.advice.appealable,
        "recommended_action": it.advice.action, "recovery_chance": it.advice.recovery_chance,
        "expected_recovery": it.score, "appeal_deadline": d.appeal_deadline,
        "days_left": it.days_left, "status": d.status, "resolution": d.resolution,
        "assigned_to_id": d.assigned_to_id, "created_at": d.created_at, "resolved_at": d.resolved_at,
    }


def _get(denial_id: int) -> Denial:
    return get_object_or_404(Denial.objects.select_related(
        "claim__payer", "claim__patient", "payment__remittance", "assigned_to"), pk=denial_id)


@router.get("", response=list[DenialOut])
def list_denials(request: HttpRequest, category: str = "", payer_id: int | None = None,
                 assignee: str = "", status: str = ""):
    require(request, Permission.WORK_DENIALS)
    if category and category not in {c.value for c in Category}:
        raise HttpError(422, f"category: expected one of {', '.join(c.value for c in Category)}")
    if status not in ("", "all", *DenialStatus.values):
        raise HttpError(422, f"status: expected all or one of {', '.join(DenialStatus.values)}")
    if assignee not in ("", "me", "none") and not assignee.isdigit():
        raise HttpError(422, "assignee: expected me, none or a user id")
    who = actor(request)
    assignee_id = (who.pk if assignee == "me" else 0 if assignee == "none"
                   else int(assignee) if assignee else None)
    items = workbench(request.practice_id, QueueFilters(category, payer_id, assignee_id, status),
                      today=timezone.localdate(), actor=who)
    return [_out(it) for it in items]


@router.get("/{int:denial_id}", response=DenialOut)
def get_denial(request: HttpRequest, denial_id: int):
    require(request, Permission.WORK_DENIALS)
    denial = _get(denial_id)
    audit.record("read", denial, actor=actor(request))
    return _out(item_for(denial, timezone.localdate()))


@router.post("/{int:denial_id}/assign", response=DenialOut)
def post_assign(request: HttpRequest, denial_id: int, payload: AssignIn):
    require(request, Permission.WORK_DENIALS)
    denial = _get(denial_id)
    who = actor(request)
    user = who if payload.to_me else None
    if payload.user_id is not None and not payload.to_me:
        user = next((u for u in workers(request.practice_id) if u.pk == payload.user_id), None)
        if user is None:
            raise HttpError(422, f"user {payload.user_id} may not work denials in this practice")
    try:
        assign([denial], user, actor=who)
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return _out(item_for(_get(denial_id), timezone.localdate()))


@router.post("/{int:denial_id}/actions", response=ActionOut)
def post_action(request: HttpRequest, denial_id: int, payload: ActionIn):
    require(request, Permission.WORK_DENIALS)
    denial = _get(denial_id)
    try:
        outcome = perform(denial, payload.action, actor=actor(request), now=timezone.now(),
                          today=timezone.localdate(), reason=payload.reason, amount=payload.amount,
                          kind=payload.kind, waiver_on_file=payload.waiver_on_file,
                          late_ok=payload.late_ok, late_reason=payload.late_reason)
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return {"action": outcome.action, "message": outcome.message, "claim_id": outcome.claim_id,
            "appeal_id": outcome.appeal_id, "write_off_id": outcome.write_off_id,
            "entry_id": outcome.entry_id,
            "denial": _out(item_for(_get(denial_id), timezone.localdate()))}


def _wo_out(wo: WriteOff) -> dict[str, Any]:
    return {"id": wo.pk, "practice_id": wo.practice_id, "claim_id": wo.claim_id,
            "patient_id": wo.patient_id, "denial_id": wo.denial_id, "source": wo.source,
            "amount": wo.amount, "kind": wo.kind, "reason": wo.reason, "rule": wo.rule,
            "status": wo.status, "requested_by_id": wo.requested_by_id,
            "requested_at": wo.requested_at, "decided_by_id": wo.decided_by_id,
            "decided_at": wo.decided_at, "decision_note": wo.decision_note, "entry_id": wo.entry_id}


@writeoffs_router.get("", response=list[WriteOffOut])
def list_writeoffs(request: HttpRequest, status: str = WriteOffStatus.PENDING):
    require(request, Permission.APPROVE_WRITEOFFS)
    if status not in (*WriteOffStatus.values, "all"):
        raise HttpError(422, f"status: expected all or one of {', '.join(WriteOffStatus.values)}")
    rows = WriteOff.objects.all()
    if status != "all":
        rows = rows.filter(status=status)
    rows = list(rows[:500])
    audit.record("list", object_type="writeoff", practice_id=request.practice_id,
                 detail={"count": len(rows)}, actor=actor(request))
    return [_wo_out(wo) for wo in rows]


def _decide(request: HttpRequest, write_off_id: int, payload: DecideIn, decide) -> dict[str, Any]:
    require(request, Permission.APPROVE_WRITEOFFS)
    wo = get_object_or_404(WriteOff.objects.all(), pk=write_off_id)
    try:
        decide(wo, approver=actor(request), now=timezone.now(), note=payload.note)
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return _wo_out(WriteOff.objects.get(pk=write_off_id))


@writeoffs_router.post("/{int:write_off_id}/approve", response=WriteOffOut)
def post_approve(request: HttpRequest, write_off_id: int, payload: DecideIn):
    return _decide(request, write_off_id, payload, approve)


@writeoffs_router.post("/{int:write_off_id}/reject", response=WriteOffOut)
def post_reject(request: HttpRequest, write_off_id: int, payload: DecideIn):
    return _decide(request, write_off_id, payload, reject)
