"""/api/v1/batches: the 837P files written for this practice, their claims and contents.

Reading needs VIEW_PHI; the file itself is audited as an export. Writing batches needs
SUBMIT_CLAIMS and answers 422 with the reason when it cannot (no clearinghouse).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app import audit
from bhbilling.app.models import Batch, Practice
from bhbilling.app.submission.batches import create_batches
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset, audit_list_as
from bhbilling.entrypoints.api.schemas.claims import (
    BatchCreateIn,
    BatchCreateOut,
    BatchDetailOut,
    BatchOut,
)
from bhbilling.kernel.errors import BhBillingError

router = Router(tags=["batches"])


@router.get("", response=list[BatchOut])
@paginate(AuditedLimitOffset)
def list_batches(request: HttpRequest):
    require(request, Permission.VIEW_PHI)
    audit_list_as(request, Batch)
    return Batch.objects.order_by("-created_at", "-id")


@router.get("/{int:batch_id}", response=BatchDetailOut)
def get_batch(request: HttpRequest, batch_id: int):
    require(request, Permission.VIEW_PHI)
    batch = get_object_or_404(Batch.objects.all(), pk=batch_id)
    audit.record("read", batch, actor=actor(request))
    return batch


@router.get("/{int:batch_id}/file", response={200: str})
def get_batch_file(request: HttpRequest, batch_id: int):
    """The X12 text exactly as written (application/edi-x12)."""
    require(request, Permission.VIEW_PHI)
    batch = get_object_or_404(Batch.objects.all(), pk=batch_id)
    audit.record("export", batch, actor=actor(request), detail={"claims": batch.claim_count})
    response = HttpResponse(batch.content, content_type="application/edi-x12")
    response["Content-Disposition"] = f'attachment; filename="{batch.file_name}"'
    return response


@router.post("", response=BatchCreateOut)
def create(request: HttpRequest, payload: BatchCreateIn):
    """Write every ready claim into 837P files (one per payer, bounded size)."""
    require(request, Permission.SUBMIT_CLAIMS)
    practice = Practice.objects.get(pk=request.practice_id)
    try:
        summary = create_batches(practice, usage=payload.usage, actor=actor(request))
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    return {"batches": summary.batches, "failed": dict(summary.failed)}
