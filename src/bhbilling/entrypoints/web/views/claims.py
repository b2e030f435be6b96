"""Claims: the work list by state, the claim page with lines and timeline, and the actions
that move claims forward (build from coded sessions, check readiness).

Claim pages show PHI (patient, diagnoses) and need Permission.VIEW_PHI; building and
checking claims need EDIT_CLAIMS. Every read is audited with ids only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.claims.build import build_claims
from bhbilling.app.claims.corrections import replace_claim, void_claim
from bhbilling.app.claims.followup import due_for_follow_up
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.models import Claim, ClaimState, ClinicalSession, SessionStatus
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views import scrubbing
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.entrypoints.web.views.remittances import explain_codes, remark_texts
from bhbilling.kernel.errors import BhBillingError

PAGE_SIZE = 50


@phi_page
def claim_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    rows = Claim.objects.select_related("patient", "payer", "rendering_provider").order_by("-id")
    if state == "follow-up":  # no 277CA in 5 days or no 835 in 30, or next action due
        due = due_for_follow_up(request.practice_id, timezone.localdate())
        rows = rows.filter(pk__in=[c.pk for c in due])
    elif state in ClaimState.values:
        rows = rows.filter(state=state)
    counts = {s: 0 for s in ClaimState.values}
    for row in Claim.objects.values("state").order_by():
        counts[row["state"]] += 1
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record("read", object_type="claim_list", actor=request.user,
                 practice_id=request.practice_id, detail={"rows": len(page.object_list)})
    return render(request, "web/claims.html", {
        "page": page, "state": state, "base": f"state={state}",
        "states": [(s, label, counts[s]) for s, label in ClaimState.choices],
    })


@phi_page
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.select_related("patient", "payer", "coverage", "rendering_provider",
                                     "session", "original_claim"), pk=pk)
    audit.record("read", claim, actor=request.user, patient_id=claim.patient_id)
    return render(request, "web/claim.html", {
        "claim": claim, "lines": claim.lines.all(),
        "history": claim.history.select_related("actor").order_by("at", "id"),
        "batches": claim.batches.order_by("created_at"),
        "payments": [{"payment": cp, "lines": [
            {**ln, "adjustments": explain_codes(ln["adjustments"]),
             "remarks": remark_texts(ln["remarks"])} for ln in cp.lines],
            "adjustments": explain_codes(cp.adjustments)}
            for cp in claim.payments.select_related("remittance").order_by("id")],
        "denials": claim.denials.order_by("created_at"),
        "appeals": claim.appeals.order_by("created_at"),
        "appealable": claim.state in ("denied", "partially_paid", "appealed"),
        "next_payer_claims": claim.next_payer_claims.all(),
        "correctable": claim.state in ("paid", "partially_paid", "denied", "accepted", "appealed")
        and bool(claim.payer_claim_number),
        **scrubbing.findings_context(request, claim),
    })


@practice_page(Permission.EDIT_CLAIMS)
@require_POST
def build_from_sessions(request: HttpRequest) -> HttpResponse:
    sessions = (ClinicalSession.objects.filter(status=SessionStatus.COMPLETED, note_signed=True,
                                               claims__isnull=True)
                .select_related("provider__supervisor", "patient", "location"))
    summary = build_claims(sessions, actor=request.user)
    messages.info(request, f"{len(summary.claims)} claim(s) built; {len(summary.skipped)} "
                           "session(s) not billable yet (uncoded, unsigned or self-pay).")
    return redirect("web:claims")


@practice_page(Permission.EDIT_CLAIMS)
@require_POST
def check_ready(request: HttpRequest) -> HttpResponse:
    summary = prepare_claims(claims_to_check(request.practice_id), actor=request.user)
    messages.info(request, f"{len(summary.ready)} claim(s) ready to send; "
                           f"{len(summary.blocked)} blocked (see each claim).")
    return redirect("web:claims")


@practice_page(Permission.EDIT_CLAIMS)
@require_POST
def correct_or_void(request: HttpRequest, pk: int) -> HttpResponse:
    """Frequency 7 (same lines, then edit the new draft) or 8, with the reason required."""
    claim = get_object_or_404(Claim.objects.all(), pk=pk)
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    try:
        if action == "void":
            new = void_claim(claim, actor=request.user, reason=reason)
        else:
            new = replace_claim(claim, actor=request.user, reason=reason)
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:claim", pk=claim.pk)
    messages.info(request, f"Claim {new.patient_control_number} (frequency "
                           f"{new.frequency_code}) drafted for {claim.patient_control_number}.")
    return redirect("web:claim", pk=new.pk)
