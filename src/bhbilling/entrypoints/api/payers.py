"""/api/v1/payers: the billing company's payers (company-level reference data, no PHI).

Any member of the company may read them; changing them needs ``manage_reference``, which
only company admins hold, because every practice of the company bills with the same rows.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app.models import Payer
from bhbilling.app.records.payers import create_payer, update_payer
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import require
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset
from bhbilling.entrypoints.api.schemas.payers import PayerIn, PayerOut, PayerPatch

router = Router(tags=["payers"])


def _company(request: HttpRequest) -> int:
    if request.access is None:
        raise HttpError(403, "You belong to no billing company.")
    return request.access.company_id


@router.get("", response=list[PayerOut])
@paginate(AuditedLimitOffset)
def list_payers(request: HttpRequest, q: str = ""):
    _company(request)
    rows = Payer.objects.all()
    if q.strip():
        rows = rows.filter(name__icontains=q.strip())
    return rows.order_by("name", "id")


@router.get("/{int:payer_id}", response=PayerOut)
def get_payer(request: HttpRequest, payer_id: int):
    _company(request)
    return get_object_or_404(Payer.objects, pk=payer_id)


@router.post("", response={201: PayerOut})
def post_payer(request: HttpRequest, payload: PayerIn):
    require(request, Permission.MANAGE_REFERENCE, practice=False)
    return Status(201, create_payer(payload.model_dump(), company_id=_company(request)))


@router.patch("/{int:payer_id}", response=PayerOut)
def patch_payer(request: HttpRequest, payer_id: int, payload: PayerPatch):
    require(request, Permission.MANAGE_REFERENCE, practice=False)
    payer = get_object_or_404(Payer.objects, pk=payer_id)
    return update_payer(payer, payload.model_dump(exclude_unset=True))
