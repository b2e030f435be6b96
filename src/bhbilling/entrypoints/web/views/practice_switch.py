"""The practice switcher: which of the user's practices the following pages act for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bhbilling.app.tenancy.middleware import SESSION_KEY


@require_POST
@login_required
def switch_practice(request: HttpRequest) -> HttpResponse:
    """Store the chosen practice in the session, only if the user has access to it.

    Returns to the page the switch came from, unless that was a detail page: the record shown
    there belongs to the old practice, so the user lands on the dashboard instead.
    """
    access = getattr(request, "access", None)
    try:
        practice_id = int(request.POST.get("practice_id", ""))
    except ValueError:
        practice_id = None
    if access is None or practice_id not in access.practice_ids:
        raise PermissionDenied("You do not have access to that practice.")
    request.session[SESSION_KEY] = practice_id
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and (
        target.rstrip("/").count("/") <= 1
    ):
        return redirect(target)
    return redirect("web:home")
