"""Paper documents on the web: a claim's CMS-1500, a patient's superbill, the month's superbills.

Every page and PDF shows PHI, so each needs VIEW_PHI; the PDFs are audited as exports by
``app.paper`` and the list as a read. Months are ``YYYY-MM`` (default: the month before
today, since superbills are made once a month is over). A PDF that cannot be made sends
the user back with the reason, never a server error.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.models import Claim, ClinicalSession, Patient
from bhbilling.app.paper import (
    claim_form_pdf,
    parse_month,
    previous_month,
    superbill_for_patient,
    superbill_pdf,
    superbills_for_month,
    superbills_pdf,
)
from bhbilling.entrypoints.web.views.guards import phi_page
from bhbilling.kernel.errors import BhBillingError


def _month(request: HttpRequest) -> tuple[int, int]:
    return parse_month(request.GET.get("month") or previous_month(timezone.localdate()))


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # PHI: never kept by a shared cache
    return response


@phi_page
def claim_cms1500(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.select_related("patient", "payer", "coverage", "rendering_provider",
                                     "session__location", "original_claim", "practice"), pk=pk)
    data_only = request.GET.get("data_only") == "1"
    try:
        data = claim_form_pdf(claim, today=timezone.localdate(), actor=request.user,
                              data_only=data_only)
    except BhBillingError as exc:
        messages.error(request, f"CMS-1500 not printed: {exc}")
        return redirect("web:claim", pk=claim.pk)
    suffix = "-data" if data_only else ""
    return pdf_response(data, f"cms1500-{claim.patient_control_number}{suffix}.pdf")


@phi_page
def patient_superbill(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    try:
        year, month = _month(request)
        bill = superbill_for_patient(request.practice_id, patient.pk, year, month,
                                     today=timezone.localdate())
    except BhBillingError as exc:
        messages.error(request, f"Superbill not printed: {exc}")
        return redirect("web:patient", pk=patient.pk)
    data = superbill_pdf(bill, practice_id=request.practice_id, actor=request.user)
    return pdf_response(data, f"superbill-{year:04d}-{month:02d}-patient{patient.pk}.pdf")


@phi_page
def superbill_list(request: HttpRequest) -> HttpResponse:
    try:
        year, month = _month(request)
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:superbills")
    result = superbills_for_month(request.practice_id, year, month, today=timezone.localdate())
    patients = Patient.objects.in_bulk([b.patient_id for b in result.superbills])
    sessions = ClinicalSession.objects.in_bulk([s for s, _p, _why in result.skipped])
    audit.record("read", object_type="superbill_list", actor=request.user,
                 practice_id=request.practice_id,
                 detail={"month": result.label, "rows": len(result.superbills)})
    return render(request, "web/superbills.html", {
        "month": result.label,
        "rows": [{"patient": patients[b.patient_id], "facts": b.facts} for b in result.superbills],
        "skipped": [{"session": sessions[s], "why": why} for s, _p, why in result.skipped],
    })


@phi_page
def superbills_combined(request: HttpRequest) -> HttpResponse:
    try:
        year, month = _month(request)
        result = superbills_for_month(request.practice_id, year, month, today=timezone.localdate())
        data = superbills_pdf(result, practice_id=request.practice_id, actor=request.user)
    except BhBillingError as exc:
        messages.error(request, f"Superbills not printed: {exc}")
        return redirect("web:superbills")
    return pdf_response(data, f"superbills-{result.label}.pdf")
