"""Session security: 15-minute idle logoff and a TOTP step no page can skip.

- Idle timeout: HIPAA automatic logoff, 45 CFR 164.312(a)(2)(iii). The last-seen time is
  kept in the session and compared on every request; the cookie age is the backstop.
- MFA: a signed-in user whose session is not OTP-verified (django-otp) reaches only the
  verification, enrolment and logout pages; the API answers 401 instead of redirecting.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

LAST_SEEN_KEY = "bhbilling_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - float(last_seen) > settings.SESSION_IDLE_TIMEOUT_SECONDS:
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "session expired"}, status=401)
                return redirect(f"{reverse('web:login')}?expired=1")
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


# Paths an authenticated but not yet verified user may reach.
_MFA_EXEMPT_NAMES = ("web:verify", "web:enroll", "web:logout", "web:login")


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            exempt = {reverse(name) for name in _MFA_EXEMPT_NAMES}
            if request.path.startswith("/static/") or request.path in exempt:
                return self.get_response(request)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "multi-factor verification required"}, status=401)
            return redirect("web:verify")
        return self.get_response(request)
