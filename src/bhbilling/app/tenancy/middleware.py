"""Sets the tenant scope for each request of a signed-in, MFA-verified user.

The practice comes from the ``X-Practice`` header (API clients), else the session's choice
from the practice switcher, else the user's first practice. A practice outside the user's
memberships is refused with 403 and never becomes the scope.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from bhbilling.app.tenancy.access import Access, access_for
from bhbilling.app.tenancy.scope import TenantScope, reset_scope, set_scope

SESSION_KEY = "bhbilling_practice_id"


def choose_practice(request: HttpRequest, access: Access) -> int | bool | None:
    """The practice id to act for; False when the request names one it may not use."""
    wanted = request.headers.get("X-Practice") or request.session.get(SESSION_KEY)
    if wanted not in (None, ""):
        try:
            wanted_id = int(wanted)
        except (TypeError, ValueError):
            return False
        return wanted_id if wanted_id in access.practice_ids else False
    return min(access.practice_ids) if access.practice_ids else None


def activate(request: HttpRequest, user) -> HttpResponse | None:
    """Resolve access for ``user`` and set the scope; returns a 403 response when refused."""
    access = access_for(user)
    request.access = access
    if access is None:
        request.practice_id = None
        return None
    practice_id = choose_practice(request, access)
    if practice_id is False:
        return HttpResponseForbidden("You do not have access to that practice.")
    request.practice_id = practice_id
    request._tenant_token = set_scope(TenantScope(access.company_id, practice_id))
    return None


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = None
        request.practice_id = None
        user = getattr(request, "user", None)
        token = None
        if user is not None and user.is_authenticated and user.is_verified():
            refused = activate(request, user)
            if refused is not None:
                return refused
            token = getattr(request, "_tenant_token", None)
        try:
            return self.get_response(request)
        finally:
            if token is not None:
                reset_scope(token)
