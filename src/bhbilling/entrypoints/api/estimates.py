"""/api/v1/estimates: Good Faith Estimates for uninsured and self-pay patients (45 CFR 149.610).

Reads need VIEW_PHI and are audited; writes need EDIT_PHI and go through ``app.estimates``
(its rules and audit); a refused write answers 422 with the rule's message, located at the
field it names. Another practice's ids are "no such record" (404 for the path, 422 in a body).

- GET ?show=due|due_today|overdue|dispute|all (default all) &patient=ID &limit &offset
- POST: draft an estimate from expected sessions per code, priced from the self-pay schedule (201)
- GET /{id}: one estimate with its items, regulatory deadline (``due_on`` null when the
  regulation sets none), worklist state and, once issued, the billed comparison
- POST /{id}/issue {on?}: given to the patient (default today)
- POST /{id}/supersede {...}: draft a replacement (unspecified facts kept); answers the new one
- POST /{id}/void: void a draft
- GET /{id}/pdf: the estimate as PDF; GET /{id}/comparison: billed vs estimated ($400 flag)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from bhbilling.app import audit
from bhbilling.app.estimates import (
    FILTERS,
    Comparison,
    EstimateRow,
    billed_vs_estimate,
    create_estimate,
    estimate_pdf,
    estimate_rows,
    filtered,
    issue,
    supersede,
    void,
)
from bhbilling.app.models import GoodFaithEstimate, Patient, Provider
from bhbilling.domain.access import Permission
from bhbilling.domain.estimates import EstimateError, max_period_end
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import DEFAULT_PAGE, MAX_PAGE

router = Router(tags=["estimates"])


class ExpectedIn(Schema):
    code: str = Field(max_length=5, description="CPT/HCPCS code number")
    modifiers: list[str] = Field(default_factory=list, max_length=4)
    sessions: int = Field(ge=1, le=999)


class EstimateIn(Schema):
    patient_id: int
    provider_id: int
    trigger: str = Field("scheduled", description="scheduled or request")
    requested_on: dt.date = Field(description="the day the service was scheduled or the estimate asked for")
    first_service_on: dt.date | None = None
    period_start: dt.date
    period_end: dt.date | None = Field(None, description="empty: 12 months less a day from the start")
    expected: list[ExpectedIn] = Field(min_length=1, max_length=20)
    diagnoses: list[str] = Field(default_factory=list, max_length=12)


class SupersedeIn(Schema):
    requested_on: dt.date | None = Field(None, description="when the change was known (default today)")
    trigger: str | None = None
    first_service_on: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    expected: list[ExpectedIn] | None = None
    diagnoses: list[str] | None = None


class IssueIn(Schema):
    on: dt.date | None = Field(None, description="the day it was given to the patient (default today)")


class ItemOut(Schema):
    code: str
    label: str
    modifiers: list[str]
    units: Decimal
    fee: Decimal
    sessions: int
    total: Decimal


class DeadlineOut(Schema):
    due_on: dt.date | None
    paragraph: str
    reason: str


class BilledItemOut(Schema):
    day: dt.date
    code: str
    charge: Decimal
    source: str


class ComparisonOut(Schema):
    estimated: Decimal
    billed: Decimal
    difference: Decimal
    dispute_eligible: bool
    unpriced_sessions: int
    items: list[BilledItemOut]


class EstimateOut(Schema):
    id: int
    practice_id: int
    number: str
    patient_id: int
    provider_id: int
    trigger: str
    requested_on: dt.date
    first_service_on: dt.date | None
    period_start: dt.date
    period_end: dt.date
    items: list[ItemOut]
    diagnoses: list[str]
    total: Decimal
    due_on: dt.date = Field(description="the regulatory due date, or the practice's target when none")
    deadline: DeadlineOut
    status: str
    state: str
    issued_on: dt.date | None
    supersedes_id: int | None
    comparison: ComparisonOut | None


class EstimatePage(Schema):
    items: list[EstimateOut]
    count: int


class PageIn(Schema):
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0)


def _comparison(c: Comparison) -> dict[str, Any]:
    return {"estimated": c.estimated, "billed": c.billed, "difference": c.difference,
            "dispute_eligible": c.eligible, "unpriced_sessions": c.unpriced_sessions,
            "items": [{"day": i.day, "code": i.code, "charge": i.charge, "source": i.source}
                      for i in c.items]}


def _out(row: EstimateRow) -> dict[str, Any]:
    e = row.estimate
    return {"id": e.pk, "practice_id": e.practice_id, "number": e.number, "patient_id": e.patient_id,
            "provider_id": e.provider_id, "trigger": e.trigger, "requested_on": e.requested_on,
            "first_service_on": e.first_service_on, "period_start": e.period_start,
            "period_end": e.period_end, "items": list(e.items), "diagnoses": list(e.diagnoses),
            "total": e.total, "due_on": e.due_on,
            "deadline": {"due_on": row.deadline.due_on, "paragraph": row.deadline.paragraph,
                         "reason": row.deadline.reason},
            "status": e.status, "state": row.state, "issued_on": e.issued_on,
            "supersedes_id": e.supersedes_id,
            "comparison": _comparison(row.comparison) if row.comparison else None}


def _one(e: GoodFaithEstimate) -> dict[str, Any]:
    [row] = estimate_rows([e], timezone.localdate())
    return _out(row)


def _get(estimate_id: int) -> GoodFaithEstimate:
    return get_object_or_404(GoodFaithEstimate.objects.select_related("supersedes"), pk=estimate_id)


def _refused(exc: EstimateError) -> ValidationError:
    field, _, rest = str(exc).partition(": ")
    return ValidationError({field: [rest]} if rest and " " not in field else [str(exc)])


def _expected(rows: list[ExpectedIn]) -> list[tuple[str, list[str], int]]:
    return [(r.code, r.modifiers, r.sessions) for r in rows]


@router.get("", response=EstimatePage)
def list_estimates(request: HttpRequest, page: Query[PageIn], show: str = "all",
                   patient: int | None = None):
    require(request, Permission.VIEW_PHI)
    if show not in FILTERS:
        raise ValidationError({"show": [f"expected one of {', '.join(FILTERS)}"]})
    base = GoodFaithEstimate.objects.all()
    if patient is not None:
        base = base.filter(patient_id=patient)
    rows = filtered(show, timezone.localdate(), base)
    shown = rows[page.offset:page.offset + page.limit]
    audit.record("list", None, object_type="goodfaithestimate", practice_id=request.practice_id,
                 detail={"count": len(shown)}, actor=actor(request))
    return {"items": [_out(r) for r in shown], "count": len(rows)}


@router.post("", response={201: EstimateOut})
def post_estimate(request: HttpRequest, payload: EstimateIn):
    require(request, Permission.EDIT_PHI)
    try:
        patient = Patient.objects.get(pk=payload.patient_id)
    except Patient.DoesNotExist:
        raise ValidationError({"patient_id": ["No such patient in this practice."]}) from None
    try:
        provider = Provider.objects.get(pk=payload.provider_id)
    except Provider.DoesNotExist:
        raise ValidationError({"provider_id": ["No such provider in this practice."]}) from None
    try:
        e = create_estimate(patient, provider, payload.trigger, payload.requested_on,
                            payload.first_service_on, payload.period_start,
                            payload.period_end or max_period_end(payload.period_start),
                            _expected(payload.expected), payload.diagnoses, actor=actor(request),
                            now=timezone.now())
    except EstimateError as exc:
        raise _refused(exc) from None
    return Status(201, _one(e))


@router.get("/{int:estimate_id}", response=EstimateOut)
def get_estimate(request: HttpRequest, estimate_id: int):
    require(request, Permission.VIEW_PHI)
    e = _get(estimate_id)
    audit.record("read", e, actor=actor(request))
    return _one(e)


@router.post("/{int:estimate_id}/issue", response=EstimateOut)
def post_issue(request: HttpRequest, estimate_id: int, payload: IssueIn):
    require(request, Permission.EDIT_PHI)
    e = _get(estimate_id)
    try:
        issue(e, payload.on or timezone.localdate(), actor=actor(request))
    except EstimateError as exc:
        raise _refused(exc) from None
    return _one(e)


@router.post("/{int:estimate_id}/supersede", response=EstimateOut)
def post_supersede(request: HttpRequest, estimate_id: int, payload: SupersedeIn):
    require(request, Permission.EDIT_PHI)
    old = _get(estimate_id)
    try:
        new = supersede(old, requested_on=payload.requested_on or timezone.localdate(),
                        trigger=payload.trigger, first_service_on=payload.first_service_on,
                        period_start=payload.period_start, period_end=payload.period_end,
                        expected=None if payload.expected is None else _expected(payload.expected),
                        diagnoses=payload.diagnoses, actor=actor(request), now=timezone.now())
    except EstimateError as exc:
        raise _refused(exc) from None
    return _one(new)


@router.post("/{int:estimate_id}/void", response=EstimateOut)
def post_void(request: HttpRequest, estimate_id: int):
    require(request, Permission.EDIT_PHI)
    e = _get(estimate_id)
    try:
        void(e, actor=actor(request))
    except EstimateError as exc:
        raise _refused(exc) from None
    return _one(e)


@router.get("/{int:estimate_id}/comparison", response=ComparisonOut)
def get_comparison(request: HttpRequest, estimate_id: int):
    require(request, Permission.VIEW_PHI)
    e = _get(estimate_id)
    audit.record("read", e, actor=actor(request), detail={"view": "comparison"})
    return _comparison(billed_vs_estimate(e))


@router.get("/{int:estimate_id}/pdf")
def get_pdf(request: HttpRequest, estimate_id: int):
    require(request, Permission.VIEW_PHI)
    e = _get(estimate_id)
    data = estimate_pdf(e)
    audit.record("export", e, actor=actor(request), detail={"format": "pdf"})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{e.number}.pdf"'
    return response
