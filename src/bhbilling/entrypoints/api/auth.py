"""Who is calling the API, for which practice, and may they do this.

Two ways in:
- a browser session that passed TOTP (django-otp ``is_verified``), with CSRF checked on
  unsafe methods, because the cookie is sent by the browser on its own;
- a personal token, ``Authorization: Bearer bhb_...`` (no CSRF: the header is never sent
  implicitly).

Session requests got their tenant scope from ``TenantMiddleware``. Token requests were
anonymous when the middleware ran, so ``TokenAuth`` sets the scope itself and leaves the
ContextVar token on the request; ``release_token_scope`` (installed on every operation)
resets it when the operation ends. Without that reset the next request served by the same
thread would start inside this user's tenant.
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from bhbilling.app.accounts.tokens import authenticate_token
from bhbilling.app.tenancy.middleware import activate
from bhbilling.app.tenancy.scope import reset_scope, set_scope
from bhbilling.domain.access import Permission

__all__ = [
    "TokenAuth", "VerifiedSessionAuth", "actor", "authenticated_by_token",
    "release_token_scope", "require", "require_practice",
]

_SCOPE_ATTR = "_api_tenant_token"


class TokenAuth(HttpBearer):
    """Personal access token; sets the tenant scope the middleware could not."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is None:
            return None
        request.user = user
        request._tenant_token = None
        refused = activate(request, user)
        if refused is not None:
            raise HttpError(403, "You do not have access to that practice.")
        scope_token = request._tenant_token
        if scope_token is None:
            # No membership: make sure no scope from elsewhere (a session) is inherited.
            scope_token = set_scope(None)
        setattr(request, _SCOPE_ATTR, scope_token)
        request.auth_method = "token"
        return user


class VerifiedSessionAuth(SessionAuth):
    """Django session of a user who completed the TOTP step; CSRF on unsafe methods."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_verified():
            return None  # no CSRF check for a request that has no session to abuse
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user


def release_token_scope(run):
    """Operation wrapper: reset the scope ``TokenAuth`` set, whatever the outcome."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any):
        try:
            return run(request, *args, **kwargs)
        finally:
            scope_token = getattr(request, _SCOPE_ATTR, None)
            if scope_token is not None:
                setattr(request, _SCOPE_ATTR, None)
                reset_scope(scope_token)

    return wrapper


def authenticated_by_token(request: HttpRequest) -> bool:
    return getattr(request, "auth_method", None) == "token"


def actor(request: HttpRequest):
    """The authenticated user (session or token) for audit records."""
    return getattr(request, "auth", None) or request.user


def require_practice(request: HttpRequest) -> int:
    """The practice the request acts for; PHI always belongs to exactly one."""
    practice_id = getattr(request, "practice_id", None)
    if getattr(request, "access", None) is None or practice_id is None:
        raise HttpError(403, "No practice selected (send the X-Practice header).")
    return practice_id


def require(request: HttpRequest, permission: Permission, *, practice: bool = True) -> None:
    """403 unless the user's roles in the current practice grant ``permission``."""
    access = getattr(request, "access", None)
    practice_id = require_practice(request) if practice else getattr(request, "practice_id", None)
    if access is None or not access.can(permission, practice_id):
        raise HttpError(403, f"Your role does not allow this ({permission.label}).")
