"""/api/v1/locations: service locations of the current practice (837P loop 2310C)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from bhbilling.app.models import Location
from bhbilling.app.records.locations import create_location, update_location
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import require, require_practice
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset
from bhbilling.entrypoints.api.schemas.locations import LocationIn, LocationOut, LocationPatch

router = Router(tags=["locations"])


@router.get("", response=list[LocationOut])
@paginate(AuditedLimitOffset)
def list_locations(request: HttpRequest):
    require_practice(request)
    return Location.objects.order_by("name", "id")


@router.get("/{int:location_id}", response=LocationOut)
def get_location(request: HttpRequest, location_id: int):
    require_practice(request)
    return get_object_or_404(Location.objects, pk=location_id)


@router.post("", response={201: LocationOut})
def post_location(request: HttpRequest, payload: LocationIn):
    require(request, Permission.MANAGE_PRACTICE)
    return Status(201, create_location(payload.model_dump(), practice_id=request.practice_id))


@router.patch("/{int:location_id}", response=LocationOut)
def patch_location(request: HttpRequest, location_id: int, payload: LocationPatch):
    require(request, Permission.MANAGE_PRACTICE)
    location = get_object_or_404(Location.objects, pk=location_id)
    return update_location(location, payload.model_dump(exclude_unset=True))
