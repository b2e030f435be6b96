"""Template context: the practices the user may switch between and the current one."""

from __future__ import annotations

from django.http import HttpRequest


def tenant_context(request: HttpRequest) -> dict:
    access = getattr(request, "access", None)
    if access is None:
        return {"current_practice": None, "switchable_practices": []}
    from bhbilling.app.models import Practice

    practices = list(Practice.unscoped.filter(id__in=access.practice_ids).order_by("name"))
    current = next((p for p in practices if p.id == getattr(request, "practice_id", None)), None)
    return {"current_practice": current, "switchable_practices": practices}
