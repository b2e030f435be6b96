"""Which practices a user may act for, and with which roles.

Company-wide memberships (no practice) reach every practice of the company; practice
memberships reach that practice only. A user works for one billing company.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bhbilling.domain.access import Permission, Role, has_permission


@dataclass(frozen=True)
class Access:
    company_id: int
    practice_ids: frozenset[int]
    roles_by_practice: dict[int, frozenset[str]] = field(default_factory=dict)

    def roles(self, practice_id: int | None) -> frozenset[str]:
        if practice_id is None:
            return frozenset().union(*self.roles_by_practice.values())
        return self.roles_by_practice.get(practice_id, frozenset())

    def can(self, permission: Permission, practice_id: int | None) -> bool:
        return any(has_permission(Role(r), permission) for r in self.roles(practice_id))


def access_for(user) -> Access | None:
    """The user's reach, or None when the user belongs to no billing company."""
    from bhbilling.app.models import Membership, Practice

    if not getattr(user, "is_authenticated", False):
        return None
    memberships = list(Membership.objects.filter(user=user).order_by("company_id", "id"))
    if not memberships:
        return None
    company_id = memberships[0].company_id
    company_practices = list(
        Practice.unscoped.filter(company_id=company_id, active=True).values_list("id", flat=True)
    )
    roles: dict[int, set[str]] = {}
    for m in memberships:
        if m.company_id != company_id:
            continue
        targets = company_practices if m.practice_id is None else [m.practice_id]
        for pid in targets:
            roles.setdefault(pid, set()).add(m.role)
    return Access(
        company_id=company_id,
        practice_ids=frozenset(roles),
        roles_by_practice={pid: frozenset(r) for pid, r in roles.items()},
    )
