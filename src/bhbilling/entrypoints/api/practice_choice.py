"""Which practices an aggregate API call (A/R aging, reports) covers: one, "all", or the current.

``?practice=ID`` picks one practice the caller holds ``permission`` in; ``?practice=all``
takes every such practice (a billing company's view across its clients); no value means
the practice of the request (X-Practice header). Anything else is refused with 403, so no
query can reach a practice the caller may not see.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError

from bhbilling.domain.access import Permission

__all__ = ["chosen_practices"]


def chosen_practices(request: HttpRequest, raw: str, permission: Permission) -> tuple[int, ...]:
    access = getattr(request, "access", None)
    if access is None:
        raise HttpError(403, "No practice selected (send the X-Practice header).")
    visible = sorted(pid for pid in access.practice_ids if access.can(permission, pid))
    if raw == "all":
        ids = visible
    elif raw:
        if not raw.isdigit() or int(raw) not in visible:
            raise HttpError(403, f"practice {raw[:20]}: you may not see that practice "
                                 f"({permission.label}).")
        ids = [int(raw)]
    else:
        current = getattr(request, "practice_id", None)
        ids = [current] if current in visible else []
    if not ids:
        raise HttpError(403, f"Your role does not allow this ({permission.label}).")
    return tuple(ids)
