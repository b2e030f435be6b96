"""837P batches: list, the claims in each, the file download, and "send ready claims".

The file holds PHI, so listing needs VIEW_PHI and the download is audited as an export;
writing batches needs SUBMIT_CLAIMS. A failure to write (no clearinghouse, a claim the
837P cannot carry) is shown to the user, never a server error.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.models import Batch, Claim, ClaimState, Practice
from bhbilling.app.submission.batches import create_batches
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.kernel.errors import BhBillingError


@phi_page
def batch_list(request: HttpRequest) -> HttpResponse:
    rows = Batch.objects.select_related("payer", "clearinghouse").order_by("-created_at", "-id")
    ready = Claim.objects.filter(state=ClaimState.READY).count()
    return render(request, "web/batches.html", {"batches": rows[:200], "ready": ready})


@phi_page
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(Batch.objects.select_related("payer", "clearinghouse"), pk=pk)
    entries = batch.entries.select_related("claim__patient", "claim__rendering_provider")
    audit.record("read", batch, actor=request.user, detail={"claims": batch.claim_count})
    return render(request, "web/batch.html", {"batch": batch, "entries": entries})


@phi_page
def batch_download(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(Batch.objects.all(), pk=pk)
    audit.record("export", batch, actor=request.user, detail={"claims": batch.claim_count})
    response = HttpResponse(batch.content, content_type="application/edi-x12")
    response["Content-Disposition"] = f'attachment; filename="{batch.file_name}"'
    return response


@practice_page(Permission.SUBMIT_CLAIMS)
@require_POST
def send_ready(request: HttpRequest) -> HttpResponse:
    practice = Practice.objects.get(pk=request.practice_id)
    try:
        summary = create_batches(practice, actor=request.user)
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:batches")
    note = f"{len(summary.batches)} file(s) with {summary.claim_count} claim(s) written."
    if summary.failed:
        note += f" {len(summary.failed)} claim(s) could not be written: " + "; ".join(
            why for _pcn, why in summary.failed[:5])
    messages.info(request, note)
    return redirect("web:batches")
