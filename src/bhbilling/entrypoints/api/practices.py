"""/api/v1/practices: the practices the caller may act for.

Listing and reading are limited to the caller's memberships (``request.access``), not the
whole company. Creating a practice is a company-level act: it needs a company-wide role
with ``manage_practice``; updating one needs ``manage_practice`` in that practice.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from bhbilling.app.models import Membership, Practice
from bhbilling.app.records.practices import create_practice, update_practice
from bhbilling.domain.access import Permission, Role, has_permission
from bhbilling.entrypoints.api.pagination import AuditedLimitOffset
from bhbilling.entrypoints.api.schemas.practices import PracticeIn, PracticeOut, PracticePatch

router = Router(tags=["practices"])


def _visible(request: HttpRequest):
    access = request.access
    if access is None:
        raise HttpError(403, "You belong to no billing company.")
    return Practice.objects.filter(id__in=access.practice_ids)


def _require_company_wide(request: HttpRequest, permission: Permission) -> int:
    access = request.access
    if access is None:
        raise HttpError(403, "You belong to no billing company.")
    roles = Membership.objects.filter(
        user_id=request.auth.pk, company_id=access.company_id, practice__isnull=True
    ).values_list("role", flat=True)
    if not any(has_permission(Role(r), permission) for r in roles):
        raise HttpError(403, f"Your role does not allow this ({permission.label}).")
    return access.company_id


@router.get("", response=list[PracticeOut])
@paginate(AuditedLimitOffset)
def list_practices(request: HttpRequest):
    return _visible(request).order_by("name", "id")


@router.get("/{int:practice_id}", response=PracticeOut)
def get_practice(request: HttpRequest, practice_id: int):
    return get_object_or_404(_visible(request), pk=practice_id)


@router.post("", response={201: PracticeOut})
def post_practice(request: HttpRequest, payload: PracticeIn):
    company_id = _require_company_wide(request, Permission.MANAGE_PRACTICE)
    return Status(201, create_practice(payload.model_dump(), company_id=company_id))


@router.patch("/{int:practice_id}", response=PracticeOut)
def patch_practice(request: HttpRequest, practice_id: int, payload: PracticePatch):
    practice = get_object_or_404(_visible(request), pk=practice_id)
    if not request.access.can(Permission.MANAGE_PRACTICE, practice.pk):
        raise HttpError(403, f"Your role does not allow this ({Permission.MANAGE_PRACTICE.label}).")
    return update_practice(practice, payload.model_dump(exclude_unset=True))

