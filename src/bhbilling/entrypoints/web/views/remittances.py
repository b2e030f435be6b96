"""Remittances: imported 835 files (upload, status, quarantine reasons), each payment as an
explanation of benefits, and the unmatched queue where a person assigns payments to claims.

Pages show PHI (patient names on the EOB) and need VIEW_PHI; uploading and assigning need
POST_PAYMENTS. CARC/RARC codes are shown with X12's published wording.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.models import Claim, ClaimPayment, Practice, Remittance, RemittanceFile
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.remittance.unmatched import assign_claim, unmatched_queue
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.kernel.errors import BhBillingError
from bhbilling.reference.adjustments import carc, rarc

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label="835 file")


def explain_codes(adjustments: list[dict]) -> list[dict]:
    """Adjustments with the CARC wording for display."""
    out = []
    for a in adjustments:
        code = carc(a["reason"])
        out.append({**a, "text": code.description if code else "unknown reason code"})
    return out


def remark_texts(codes: list[str]) -> list[dict]:
    return [{"code": c, "text": (rarc(c).description if rarc(c) else "")} for c in codes]


@phi_page
def remittance_list(request: HttpRequest) -> HttpResponse:
    files = RemittanceFile.objects.order_by("-imported_at", "-id")[:100]
    payments = Remittance.objects.select_related("file").order_by("-payment_date", "-id")[:200]
    return render(request, "web/remittances.html", {
        "files": files, "payments": payments, "form": UploadForm(),
        "unmatched": unmatched_queue().count()})


@practice_page(Permission.POST_PAYMENTS)
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose an 835 file to upload.")
        return redirect("web:remittances")
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD:
        messages.error(request, f"{upload.name}: larger than 50 MB; import it with the CLI.")
        return redirect("web:remittances")
    practice = Practice.objects.get(pk=request.practice_id)
    report = import_remittance_file(practice, upload.read(), upload.name, actor=request.user)
    if report.status == "posted":
        t = report.totals
        messages.info(request, f"{upload.name}: posted {t.claims_matched} claim(s), "
                               f"${t.paid:,.2f} paid; {t.claims_unmatched} unmatched, "
                               f"{t.denials} denial(s).")
    else:
        messages.error(request, f"{upload.name}: {report.status}: {report.reason}")
    return redirect("web:remittances")


@phi_page
def remittance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rem = get_object_or_404(Remittance.objects.select_related("file", "deposit"), pk=pk)
    claims = rem.claims.select_related("claim").order_by("position")
    audit.record("read", rem, actor=request.user, detail={"claims": claims.count()})
    rows = [{"payment": cp, "adjustments": explain_codes(cp.adjustments),
             "lines": [{**ln, "adjustments": explain_codes(ln["adjustments"]),
                        "remarks": remark_texts(ln["remarks"])} for ln in cp.lines]}
            for cp in claims]
    return render(request, "web/remittance.html", {
        "rem": rem, "rows": rows, "plb": rem.provider_adjustments.select_related("claim")})


@phi_page
def unmatched(request: HttpRequest) -> HttpResponse:
    rows = list(unmatched_queue())
    ids = {i for r in rows for i in r.suggestions}
    suggested = {c.pk: c for c in Claim.objects.filter(pk__in=ids).select_related("patient")}
    audit.record("read", object_type="unmatched_queue", actor=request.user,
                 practice_id=request.practice_id, detail={"rows": len(rows)})
    return render(request, "web/unmatched.html", {
        "rows": [(r, [suggested[i] for i in r.suggestions if i in suggested]) for r in rows]})


@practice_page(Permission.POST_PAYMENTS)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(ClaimPayment.objects.all(), pk=pk)
    pcn = request.POST.get("claim", "").strip()
    claim = Claim.objects.filter(patient_control_number=pcn).first()
    if claim is None:
        messages.error(request, f"No claim {pcn!r} in this practice.")
        return redirect("web:unmatched")
    try:
        assign_claim(row, claim, actor=request.user)
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:unmatched")
    messages.info(request, f"Payment posted to claim {claim.patient_control_number}.")
    return redirect("web:unmatched")
