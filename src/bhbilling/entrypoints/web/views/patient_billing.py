"""Patient billing pages: the Billing section of the patient page, the patient ledger, the
payment/refund/credit and plan forms, and the statements page (run, list, send, PDF).

Reading needs VIEW_PHI (audited with ids only); recording money, agreeing plans and
running or sending statements need POST_PAYMENTS. All rules and postings live in
``app.patient_billing``; these views only parse forms and show results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.balances import patient_balances
from bhbilling.app.models import (
    Claim,
    Patient,
    PatientPayment,
    PaymentMethod,
    PaymentPlan,
    Statement,
    StatementStatus,
)
from bhbilling.app.patient_billing.account import patient_ledger
from bhbilling.app.patient_billing.payments import record_credit, record_payment, record_refund
from bhbilling.app.patient_billing.plans import active_plan, cancel_plan, create_plan, plan_view
from bhbilling.app.patient_billing.snapshot import statement_pdf
from bhbilling.app.patient_billing.statements import mark_sent, refund_review, run_statements
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import ZERO

money_page = practice_page(Permission.POST_PAYMENTS)


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BhBillingError(f"{field}: expected a date (YYYY-MM-DD), got {value!r}") from None


def billing_context(request: HttpRequest, patient: Patient) -> dict[str, Any]:
    """What the Billing section of the patient page shows."""
    today = timezone.localdate()
    plan = active_plan(patient)
    balance = patient_balances(request.practice_id, [patient.pk]).get(patient.pk, ZERO)
    return {
        "billing_balance": balance,
        "billing_credit": -balance if balance < ZERO else None,
        "billing_plan": plan_view(plan, today) if plan else None,
        "billing_payments": PatientPayment.objects.filter(patient=patient)[:10],
        "billing_statements": Statement.objects.filter(patient=patient)[:10],
        "billing_methods": PaymentMethod.choices,
        "billing_can_post": request.access.can(Permission.POST_PAYMENTS, request.practice_id),
        "billing_today": today,
    }


@phi_page
def ledger_page(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    ledger = patient_ledger(request.practice_id, patient)
    audit.record("read", patient, actor=request.user, detail={"view": "ledger",
                                                               "rows": len(ledger.rows)})
    return render(request, "web/patient_ledger.html", {
        "patient": patient, "ledger": ledger,
        "balance_check": patient_balances(request.practice_id, [patient.pk]).get(patient.pk, ZERO),
    })


def _back(patient: Patient) -> HttpResponse:
    return redirect(reverse("web:patient", args=[patient.pk]) + "#billing")


@money_page
@require_POST
def payment_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a payment, refund or courtesy credit from the patient page form."""
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    p = request.POST
    kind = p.get("kind", "payment")
    now = timezone.now()
    try:
        on = _date(p.get("received_on", ""), "date received")
        claim = None
        if p.get("claim", "").strip():
            claim = Claim.objects.filter(patient=patient,
                                         patient_control_number=p["claim"].strip()).first()
            if claim is None:
                raise BhBillingError(f"claim: {p['claim'].strip()} is not a claim of this patient")
        plan = (get_object_or_404(PaymentPlan.objects.all(), pk=int(p["plan"]), patient=patient)
                if p.get("plan", "").strip().isdigit() else None)
        common = dict(received_on=on, claim=claim, note=p.get("note", ""), actor=request.user, now=now)
        if kind == "refund":
            row = record_refund(patient, p.get("amount", ""), p.get("method", ""),
                                p.get("reference", ""), **common)
        elif kind == "credit":
            row = record_credit(patient, p.get("amount", ""), **common)
        else:
            row = record_payment(patient, p.get("amount", ""), p.get("method", ""),
                                 p.get("reference", ""), plan=plan, **common)
    except BhBillingError as exc:
        messages.error(request, f"Not recorded: {exc}")
        return _back(patient)
    messages.info(request, f"{row.get_kind_display()} of ${row.amount:,.2f} recorded.")
    return _back(patient)


@money_page
@require_POST
def plan_post(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    p = request.POST
    try:
        day = p.get("day_of_month", "").strip()
        if not day.isdigit():
            raise BhBillingError(f"day of month: expected 1 to 31, got {day!r}")
        plan = create_plan(patient, total=p.get("total", ""), installment=p.get("installment", ""),
                           day_of_month=int(day), starts_on=_date(p.get("starts_on", ""), "start"),
                           note=p.get("note", ""), actor=request.user, now=timezone.now())
    except BhBillingError as exc:
        messages.error(request, f"Plan not created: {exc}")
        return _back(patient)
    messages.info(request, f"Payment plan of ${plan.total:,.2f} at ${plan.installment:,.2f} a "
                           "month agreed.")
    return _back(patient)


@money_page
@require_POST
def plan_cancel(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    plan = get_object_or_404(PaymentPlan.objects.all(), pk=plan_pk, patient=patient)
    cancel_plan(plan, actor=request.user)
    messages.info(request, "Payment plan cancelled.")
    return _back(patient)


@phi_page
def statement_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = Statement.objects.select_related("patient").order_by("-statement_date", "-id")
    if status in StatementStatus.values:
        rows = rows.filter(status=status)
    rows = list(rows[:200])
    today = timezone.localdate()
    refunds = refund_review(request.practice_id, today)
    audit.record("list", None, actor=request.user, object_type="statement",
                 practice_id=request.practice_id,
                 detail={"ids": [s.pk for s in rows], "refund_review": len(refunds)})
    return render(request, "web/statements.html", {
        "statements": rows, "status": status, "statuses": StatementStatus.choices,
        "refunds": refunds, "today": today,
        "can_post": request.access.can(Permission.POST_PAYMENTS, request.practice_id),
    })


@money_page
@require_POST
def statements_run(request: HttpRequest) -> HttpResponse:
    try:
        run_date = _date(request.POST.get("run_date", ""), "run date")
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:statements")
    result = run_statements(request.practice_id, run_date, actor=request.user, now=timezone.now())
    messages.info(request, f"Statements for {run_date:%m/%d/%Y}: {len(result.ready)} ready, "
                           f"{len(result.held)} held, {len(result.refund_review)} credit "
                           f"balance(s) to review, {len(result.skipped)} under the minimum.")
    return redirect("web:statements")


@money_page
@require_POST
def statement_sent(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.all(), pk=pk)
    try:
        sent_on = _date(request.POST.get("sent_on", ""), "sent on")
        mark_sent(statement, sent_on=sent_on, actor=request.user)
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:statements")
    messages.info(request, f"Statement {statement.number} marked sent.")
    return redirect("web:statements")


@phi_page
def statement_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement.objects.all(), pk=pk)
    audit.record("export", statement, actor=request.user, detail={"format": "pdf"})
    response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statement-{statement.number}.pdf"'
    return response
