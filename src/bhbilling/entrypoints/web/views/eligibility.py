"""Eligibility on the patient page: the benefit summary, an on-demand 270, 271 uploads.

- ``benefits_context(request, patient)`` is what the patient page adds (its template
  includes ``web/_benefits.html``): the newest answer per payer in plain words (copay,
  coinsurance, deductible and out-of-pocket left, in and out of network; visits; whether
  authorization is required; a carve-out to bill instead; telehealth notes; the payer's
  messages; refusals with what to do), the plan's visit count across all providers, the
  patient's authorizations with usage bars, and the next scheduled sessions with their
  blocking warnings and expected patient share.
- "Check eligibility" (EDIT_PHI) writes a 270 for the patient's primary coverage. No
  clearinghouse connection sends it yet, so the page says so and offers the file; the
  271 that comes back is uploaded on the same page and recorded for this patient only.
"""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bhbilling.app.authorizations.booking import check_session
from bhbilling.app.authorizations.usage import usage_of
from bhbilling.app.authorizations.visits import visit_status
from bhbilling.app.eligibility.inquiries import plan_for_patient, write_inquiries
from bhbilling.app.eligibility.recording import record_271
from bhbilling.app.eligibility.responsibility import expected_for_session
from bhbilling.app.eligibility.stored import latest_checks
from bhbilling.app.models import Authorization, ClinicalSession, Patient, Practice, SessionStatus
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views import home
from bhbilling.entrypoints.web.views.guards import practice_page
from bhbilling.kernel.errors import BhBillingError

UPCOMING = 5
MAX_UPLOAD = 10 * 1024 * 1024


class ResponseUploadForm(forms.Form):
    file = forms.FileField(label="271 file")
    on = forms.DateField(label="Date asked about", required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))


def _money(value: Any) -> str:
    return "—" if value in (None, "") else f"${Decimal(value):,.2f}"


def _percent(value: Any) -> str:
    return "—" if value in (None, "") else f"{(Decimal(value) * 100).normalize():f}%"


def _accumulator(acc: dict | None) -> str:
    if not acc:
        return "—"
    text = _money(acc.get("amount"))
    if acc.get("remaining") not in (None, ""):
        text += f" ({_money(acc['remaining'])} left)"
    return text + (" · met" if acc.get("met") else "")


def _costs(summary: dict) -> list[tuple[str, str, str]]:
    inn, out = summary.get("in_network") or {}, summary.get("out_of_network") or {}
    return [("Copay", _money(inn.get("copay")), _money(out.get("copay"))),
            ("Coinsurance", _percent(inn.get("coinsurance")), _percent(out.get("coinsurance"))),
            ("Deductible", _accumulator(inn.get("deductible")), _accumulator(out.get("deductible"))),
            ("Out-of-pocket", _accumulator(inn.get("out_of_pocket")), _accumulator(out.get("out_of_pocket")))]


def _visits(limit: dict | None) -> str:
    if not limit:
        return ""
    parts = [f"{limit['limit']} per {limit.get('period') or 'period'}" if limit.get("limit") is not None
             else "limit not stated"]
    if limit.get("used") is not None:
        parts.append(f"{limit['used']} used")
    if limit.get("remaining") is not None:
        parts.append(f"{limit['remaining']} left")
    return ", ".join(parts)


def _us_date(value: str | None) -> str:
    return dt.date.fromisoformat(value).strftime("%m/%d/%Y") if value else ""


def summary_view(check) -> dict[str, Any]:
    """One stored answer as the template shows it."""
    s = check.summary or {}
    start, end = _us_date(s.get("coverage_start")), _us_date(s.get("coverage_end"))
    return {
        "check": check, "s": s, "costs": _costs(s), "visits": _visits(s.get("visit_limit")),
        "coverage": f"{start or '?'} to {end or 'open'}" if start or end else "not given",
        "auth_required": {True: "Yes", False: "No"}.get(s.get("authorization_required"), "Not stated"),
        "basis": {"mental_health": "mental-health benefits", "health_plan": "general plan benefits only",
                  "none": "no benefits given"}.get(s.get("basis", "none"), s.get("basis", "")),
    }


def _upcoming(patient: Patient, today) -> list[dict[str, Any]]:
    rows = (ClinicalSession.objects.filter(patient=patient, status=SessionStatus.SCHEDULED,
                                           date_of_service__gte=today)
            .select_related("provider__supervisor", "location", "patient")
            .order_by("date_of_service", "start_time")[:UPCOMING])
    return [{"session": s, "warning": check_session(s), "estimate": expected_for_session(s)} for s in rows]


def benefits_context(request: HttpRequest, patient: Patient) -> dict[str, Any]:
    """What the patient page adds for ``web/_benefits.html`` (see the module docstring)."""
    today = home.CLOCK.today()
    access = getattr(request, "access", None)
    auths = usage_of(Authorization.objects.filter(patient=patient).select_related("payer")
                     .order_by("-active", "ends_on", "id"))
    return {
        "benefits": [summary_view(c) for c in latest_checks(patient)],
        "visit_count": visit_status(patient, today),
        "patient_authorizations": list(auths.values()),
        "upcoming": _upcoming(patient, today),
        "can_check_eligibility": bool(access and access.can(Permission.EDIT_PHI, request.practice_id)),
        "response_form": ResponseUploadForm(),
    }


@practice_page(Permission.EDIT_PHI)
@require_POST
def check_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    practice = Practice.objects.get(pk=request.practice_id)
    try:
        f = write_inquiries(practice, [plan_for_patient(patient, home.CLOCK.today())],
                            now=timezone.now(), actor=request.user)
    except BhBillingError as exc:
        messages.error(request, f"No 270 written: {exc}")
        return redirect("web:patient", pk=pk)
    encoded = base64.b64encode(f.content.encode("ascii")).decode("ascii")
    return render(request, "web/eligibility_inquiry.html", {
        "patient": patient, "file": f, "download": f"data:application/edi-x12;base64,{encoded}",
        "response_form": ResponseUploadForm()})


@practice_page(Permission.EDIT_PHI)
@require_POST
def upload_response(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    form = ResponseUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a 271 file to upload.")
        return redirect("web:patient", pk=pk)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD:
        messages.error(request, f"{upload.name}: larger than 10 MB; import it with the CLI.")
        return redirect("web:patient", pk=pk)
    practice = Practice.objects.get(pk=request.practice_id)
    try:
        report = record_271(practice, upload.read(), upload.name,
                            on=form.cleaned_data["on"] or home.CLOCK.today(), patient=patient,
                            actor=request.user, source="upload")
    except BhBillingError as exc:
        messages.error(request, f"{upload.name}: not recorded: {exc}")
        return redirect("web:patient", pk=pk)
    if report.checks:
        statuses = ", ".join(c.get_status_display().lower() for c in report.checks)
        messages.info(request, f"{upload.name}: eligibility answer recorded ({statuses}).")
    elif report.duplicates:
        messages.info(request, f"{upload.name}: this answer was already recorded.")
    else:
        messages.error(request, f"{upload.name}: no answer in the file is for this patient.")
    return redirect("web:patient", pk=pk)
