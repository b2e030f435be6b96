"""Access checks shared by the web views.

- Every page past the login needs a signed-in, OTP-verified user (RequireMFAMiddleware makes
  sure of the second; ``login_required`` here sends anonymous users to the login page).
- Every page needs a practice to act for: ``request.practice_id`` set by TenantMiddleware
  from the user's memberships. A user with no practice gets 403, never an empty scope.
- PHI pages additionally need ``Permission.VIEW_PHI`` in the current practice (HIPAA minimum
  necessary, 45 CFR 164.502(b)); the check is per practice because roles are per practice.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from bhbilling.domain.access import Permission

View = Callable[..., HttpResponse]


def practice_page(permission: Permission | None = None) -> Callable[[View], View]:
    """Decorate a view that acts for the current practice, optionally needing ``permission``."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            access = getattr(request, "access", None)
            practice_id = getattr(request, "practice_id", None)
            if access is None or practice_id is None:
                raise PermissionDenied("You have no practice to work for.")
            if permission is not None and not access.can(permission, practice_id):
                raise PermissionDenied(f"Your role does not allow: {permission.label}.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


phi_page = practice_page(Permission.VIEW_PHI)
"""A page that shows PHI of the current practice."""

reference_page = practice_page()
"""A page of practice reference data (providers, payers): any member may read it."""
