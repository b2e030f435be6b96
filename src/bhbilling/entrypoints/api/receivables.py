"""/api/v1/ar: A/R aging and the follow-up work list; /api/v1/claims/{id}/notes: follow-up notes.

- GET /ar/aging?basis=dos|submission&group=payer|provider|practice&practice=<id>|all: the
  aging table (VIEW_REPORTS in every practice); GET /ar/aging/claims?...&row=&col= the
  claims behind a cell or a row (VIEW_PHI too); their amounts add up to the cell.
- GET /ar/follow-up?practice=: the work list (VIEW_PHI); POST /ar/follow-up/inquiries
  {claim_ids} sends 276 status inquiries (SUBMIT_CLAIMS) for claims of the current practice.
- GET/POST /claims/{id}/notes: a claim's notes; a new note sets the next-action date
  (EDIT_CLAIMS). Claims are read through the practice-scoped manager: another tenant's id
  is a 404.
- ``practice``: an id, or ``all`` for every practice where the caller holds the right (a
  billing company's view); default the request's practice. A practice the caller may not
  see is refused (403), never silently dropped. Lists are audited per practice (counts).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app.models import Claim
from bhbilling.app.receivables.aging import aging_report, drill_down
from bhbilling.app.receivables.followup import FollowUpError, add_note, inquire, work_list
from bhbilling.domain.access import Permission
from bhbilling.domain.receivables.aging_table import (
    AgingCell,
    Basis,
    GroupBy,
    column_keys,
    parse_row,
    row_token,
)
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.practice_choice import chosen_practices
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["receivables"])
claims_router = Router(tags=["receivables"])


class AgingQuery(Schema):
    basis: str = Field("dos", description="dos (date of service) or submission (last 837P)")
    group: str = Field("payer", description="payer, provider or practice")
    practice: str = Field("", description="a practice id, or 'all'; default the current practice")


class CellQuery(AgingQuery):
    row: str = Field(description="row key: an id, 'patient' (patient row) or 'none' (no payer)")
    col: str = Field("", description="bucket key (0_30 ... 120_plus, not_submitted); empty: whole row")


class CellOut(Schema):
    amount: Decimal
    insurance: Decimal
    patient: Decimal
    claims: int


class RowOut(Schema):
    key: str
    label: str
    cells: dict[str, CellOut]
    total: CellOut


class AgingOut(Schema):
    basis: str
    group: str
    as_of: dt.date
    practice_ids: list[int]
    columns: list[dict[str, str]]
    rows: list[RowOut]
    totals: RowOut
    ledger_total: Decimal = Field(description="the ledger's 1100 + 1200 balance")
    unassigned: Decimal = Field(description="A/R on no claim (not aged)")


class CellClaimOut(Schema):
    claim_id: int
    claim_number: str
    practice_id: int
    payer_id: int | None
    provider_id: int
    state: str
    date_of_service: dt.date
    submitted_on: dt.date | None
    insurance: Decimal
    patient: Decimal
    amount: Decimal


class CellClaimsOut(Schema):
    row: str
    col: str
    total: Decimal
    claims: list[CellClaimOut]


class NoteOut(Schema):
    id: int
    claim_id: int
    at: dt.datetime
    author: str
    action: str
    text: str
    next_action_on: dt.date | None


class WorkItemOut(Schema):
    claim_id: int
    claim_number: str
    practice_id: int
    payer_id: int | None
    payer_name: str
    state: str
    date_of_service: dt.date
    age_days: int
    reasons: list[str]
    insurance_balance: Decimal
    patient_balance: Decimal
    follow_up_on: dt.date | None
    last_activity: dt.date | None
    latest_note: NoteOut | None


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    action: str = Field("", max_length=30)
    next_action_on: dt.date | None = Field(None, description="next action date; null clears it")


class InquiryIn(Schema):
    claim_ids: list[int] = Field(min_length=1, max_length=500)


class InquiryOut(Schema):
    file_name: str
    delivered: bool
    asked: list[str]


def _enums(q: AgingQuery) -> tuple[Basis, GroupBy]:
    try:
        basis = Basis(q.basis)
    except ValueError:
        raise HttpError(422, f"basis: expected dos or submission, got {q.basis[:20]!r}") from None
    try:
        group = GroupBy(q.group)
    except ValueError:
        raise HttpError(422, f"group: expected payer, provider or practice, got {q.group[:20]!r}") from None
    return basis, group


def _cell(c: AgingCell) -> dict:
    return {"amount": c.amount, "insurance": c.insurance, "patient": c.patient, "claims": c.claims}


def _audit_list(request: HttpRequest, what: str, practice_ids, rows: int) -> None:
    for pid in practice_ids:
        audit.record("list", None, object_type=what, object_id="", practice_id=pid,
                     actor=actor(request), detail={"rows": rows})


@router.get("/aging", response=AgingOut)
def aging(request: HttpRequest, q: Query[AgingQuery]):
    """Open balances aged 0-30 ... 120+ days, per payer, provider or practice, with totals."""
    basis, group = _enums(q)
    ids = chosen_practices(request, q.practice, Permission.VIEW_REPORTS)
    as_of = timezone.localdate()
    report = aging_report(ids, as_of=as_of, basis=basis, group=group)
    t = report.table
    _audit_list(request, "aging", ids, len(t.rows))
    return {
        "basis": basis.value, "group": group.value, "as_of": as_of, "practice_ids": ids,
        "columns": [{"key": k, "label": label} for k, label in report.columns],
        "rows": [{"key": row_token(r.key), "label": report.label(r.key),
                  "cells": {c: _cell(r.cells[c]) for c in t.columns}, "total": _cell(r.total)}
                 for r in t.rows],
        "totals": {"key": "total", "label": "Total",
                   "cells": {c: _cell(t.totals.cells[c]) for c in t.columns},
                   "total": _cell(t.totals.total)},
        "ledger_total": report.ledger_total, "unassigned": report.unassigned,
    }


@router.get("/aging/claims", response=CellClaimsOut)
def aging_claims(request: HttpRequest, q: Query[CellQuery]):
    """The claims behind one cell (or a whole row when ``col`` is empty)."""
    basis, group = _enums(q)
    ids = chosen_practices(request, q.practice, Permission.VIEW_REPORTS)
    if any(not request.access.can(Permission.VIEW_PHI, pid) for pid in ids):
        raise HttpError(403, "The claims behind a figure are PHI: you need View PHI in every practice.")
    if q.col and q.col not in column_keys(basis):
        raise HttpError(422, f"col: expected one of {', '.join(column_keys(basis))} or empty, "
                             f"got {q.col[:20]!r}")
    try:
        row_key = parse_row(q.row)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    found = drill_down(ids, as_of=timezone.localdate(), basis=basis, group=group, row_key=row_key,
                       column=q.col or None)
    _audit_list(request, "aging_claims", ids, len(found))
    return {"row": q.row, "col": q.col, "total": sum((c.amount for c in found), Decimal("0.00")),
            "claims": [{"claim_id": c.claim.claim_id, "claim_number": c.claim.control_number,
                        "practice_id": c.claim.practice_id, "payer_id": c.claim.payer_id,
                        "provider_id": c.claim.provider_id, "state": c.claim.state,
                        "date_of_service": c.claim.service_date, "submitted_on": c.claim.submitted_on,
                        "insurance": c.insurance, "patient": c.patient, "amount": c.amount}
                       for c in found]}


def _note(n) -> dict:
    return {"id": n.pk, "claim_id": n.claim_id, "at": n.at, "action": n.action, "text": n.text,
            "author": n.author.get_username() if n.author_id else "", "next_action_on": n.next_action_on}


@router.get("/follow-up", response=list[WorkItemOut])
def follow_up(request: HttpRequest, practice: str = "", limit: int = Query(200, ge=1, le=2000)):
    """Claims to follow up today, largest open insurance balance first, then oldest."""
    ids = chosen_practices(request, practice, Permission.VIEW_PHI)
    items = work_list(ids, timezone.localdate(), limit=limit)
    _audit_list(request, "follow_up_list", ids, len(items))
    return [{"claim_id": it.claim.pk, "claim_number": it.claim.patient_control_number,
             "practice_id": it.claim.practice_id, "payer_id": it.claim.payer_id,
             "payer_name": it.claim.payer.name if it.claim.payer else "", "state": it.claim.state,
             "date_of_service": it.service_date, "age_days": it.age_days,
             "reasons": [r.value for r in it.reasons], "insurance_balance": it.balance.insurance,
             "patient_balance": it.balance.patient, "follow_up_on": it.claim.follow_up_on,
             "last_activity": it.last_activity, "latest_note": _note(it.note) if it.note else None}
            for it in items]


@router.post("/follow-up/inquiries", response=list[InquiryOut])
def inquiries(request: HttpRequest, payload: InquiryIn):
    """276 status inquiries for claims of the current practice (one interchange)."""
    require(request, Permission.SUBMIT_CLAIMS)
    wanted = sorted(set(payload.claim_ids))
    claims = list(Claim.objects.filter(pk__in=wanted))
    missing = sorted(set(wanted) - {c.pk for c in claims})
    if missing:
        raise HttpError(404, f"claim_ids: no claim {', '.join(map(str, missing[:10]))} in this practice")
    try:
        runs = inquire(claims, actor=actor(request), today=timezone.localdate(), now=timezone.now())
    except BhBillingError as exc:
        raise HttpError(422, f"no status inquiry sent: {exc}") from None
    return [{"file_name": r.file_name, "delivered": r.delivered, "asked": r.asked} for r in runs]


@claims_router.get("/{int:claim_id}/notes", response=list[NoteOut])
def list_notes(request: HttpRequest, claim_id: int):
    """The claim's follow-up notes, newest first."""
    require(request, Permission.VIEW_PHI)
    claim = get_object_or_404(Claim.objects.all(), pk=claim_id)
    audit.record("read", claim, actor=actor(request), patient_id=claim.patient_id,
                 detail={"view": "follow_up_notes"})
    return [_note(n) for n in claim.follow_up_notes.select_related("author").order_by("-at", "-id")]


@claims_router.post("/{int:claim_id}/notes", response=NoteOut)
def post_note(request: HttpRequest, claim_id: int, payload: NoteIn):
    """Add a note; the claim's next-action date becomes ``next_action_on``."""
    require(request, Permission.EDIT_CLAIMS)
    claim = get_object_or_404(Claim.objects.all(), pk=claim_id)
    try:
        note = add_note(claim, payload.text, payload.action, payload.next_action_on,
                        actor=actor(request), now=timezone.now())
    except FollowUpError as exc:
        raise HttpError(422, str(exc)) from None
    return _note(note)
