"""Assign denials to a biller of the practice (or unassign them).

Only a user who may work denials in that practice (Permission.WORK_DENIALS through a
membership) can be given denials, so work never lands with someone who cannot open it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from bhbilling.app import audit
from bhbilling.app.denials.errors import DenialActionRefused
from bhbilling.app.models import Denial, Membership, Practice
from bhbilling.app.tenancy.access import access_for
from bhbilling.domain.access import Permission, Role, has_permission

__all__ = ["assign", "workers"]


def workers(practice_id: int, permission: Permission = Permission.WORK_DENIALS) -> list[Any]:
    """Active users holding ``permission`` in the practice (its members and company-wide roles)."""
    company_id = Practice.unscoped.filter(pk=practice_id).values_list("company_id", flat=True).first()
    roles = [r.value for r in Role if has_permission(r, permission)]
    ids = (Membership.objects.filter(company_id=company_id, role__in=roles)
           .filter(Q(practice_id=practice_id) | Q(practice__isnull=True))
           .values_list("user_id", flat=True))
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username"))


@transaction.atomic
def assign(denials: Iterable[Denial], user: Any, actor: Any) -> int:
    """Give the denials to ``user`` (None: unassign); returns how many were assigned."""
    rows = list(denials)
    if not rows:
        return 0
    practices = {d.practice_id for d in rows}
    if len(practices) != 1:
        raise DenialActionRefused("assign denials of one practice at a time")
    practice_id = practices.pop()
    if user is not None:
        access = access_for(user)
        if access is None or not access.can(Permission.WORK_DENIALS, practice_id):
            raise DenialActionRefused(f"user {user.get_username()} may not work denials in this "
                                      "practice; pick a biller of the practice")
    ids = [d.pk for d in rows]
    Denial.unscoped.filter(practice_id=practice_id, pk__in=ids).update(
        assigned_to=user)
    for d in rows:
        d.assigned_to = user
    audit.record_many("update", rows, actor=actor,
                      detail={"fields": ["assigned_to"], "to": user.pk if user else None})
    return len(rows)
