"""/api/v1/providers: rendering providers of the current practice (837P loop 2310B)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from bhbilling.app.models import Provider
from bhbilling.app.records.providers import create_provider, update_provider
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import require, require_practice
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset
from bhbilling.entrypoints.api.schemas.providers import ProviderIn, ProviderOut, ProviderPatch

router = Router(tags=["providers"])


@router.get("", response=list[ProviderOut])
@paginate(AuditedLimitOffset)
def list_providers(request: HttpRequest, q: str = ""):
    """``q`` matches first name, last name or NPI (case-insensitive)."""
    require_practice(request)
    rows = Provider.objects.all()
    q = q.strip()
    if q:
        rows = rows.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(npi=q))
    return rows.order_by("last_name", "first_name", "id")


@router.get("/{int:provider_id}", response=ProviderOut)
def get_provider(request: HttpRequest, provider_id: int):
    require_practice(request)
    return get_object_or_404(Provider.objects, pk=provider_id)


@router.post("", response={201: ProviderOut})
def post_provider(request: HttpRequest, payload: ProviderIn):
    require(request, Permission.MANAGE_PRACTICE)
    return Status(201, create_provider(payload.model_dump(), practice_id=request.practice_id))


@router.patch("/{int:provider_id}", response=ProviderOut)
def patch_provider(request: HttpRequest, provider_id: int, payload: ProviderPatch):
    require(request, Permission.MANAGE_PRACTICE)
    provider = get_object_or_404(Provider.objects, pk=provider_id)
    return update_provider(provider, payload.model_dump(exclude_unset=True))
