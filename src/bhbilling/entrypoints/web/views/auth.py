"""Sign-in pages: password, TOTP verification, TOTP enrolment, sign-out.

The flow and its audit trail live in ``bhbilling.app.accounts.auth_flow``; these views only
render forms and redirect. Nothing else is reachable before the TOTP step
(RequireMFAMiddleware).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from bhbilling.app import audit
from bhbilling.app.accounts import auth_flow


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$", label="6-digit code",
        error_messages={"invalid": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
            "pattern": r"\d{6}", "maxlength": 6,
        }),
    )


def _verified(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.is_verified()


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password (argon2id), then on to the TOTP step."""
    if _verified(request):
        return redirect("web:home")
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            auth_login(request, form.get_user())
            auth_flow.remember_next(request, request.POST.get("next"))
            if auth_flow.has_confirmed_device(request.user):
                return redirect("web:verify")
            return redirect("web:enroll")
        auth_flow.record_login_failed(request.POST.get("username", ""))
    return render(request, "web/login.html", {
        "form": form,
        "expired": request.GET.get("expired") == "1",
        "next": request.POST.get("next") or request.GET.get("next", ""),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: a 6-digit code from the user's confirmed TOTP device."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if request.user.is_verified():
        return redirect("web:home")
    if not auth_flow.has_confirmed_device(request.user):
        return redirect("web:enroll")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and auth_flow.verify_code(request, form.cleaned_data["code"]):
            return redirect(auth_flow.pop_next(request, reverse("web:home")))
        if form.is_valid():
            form.add_error("code", "That code is not valid. Wait for a new code and try again.")
        else:
            audit.record("mfa_failed", None, actor=request.user, object_type="User",
                         object_id=request.user.pk, detail={"malformed": True})
    return render(request, "web/verify.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def enroll_view(request: HttpRequest) -> HttpResponse:
    """First sign-in: set up an authenticator app, confirmed by its first code."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if request.user.is_verified():
        return redirect("web:home")
    if auth_flow.has_confirmed_device(request.user):
        # A password alone must never add a second factor to an account that has one.
        return redirect("web:verify")
    device = auth_flow.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if auth_flow.confirm_enrolment(request, device, form.cleaned_data["code"]):
            return redirect(auth_flow.pop_next(request, reverse("web:home")))
        form.add_error("code", "That code did not match. Check your phone's clock and retry.")
    return render(request, "web/enroll.html", {
        "form": form,
        "secret": auth_flow.secret_text(device),
        "qr_svg": auth_flow.qr_svg(device),
    })


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, so a link or image cannot sign a user out)."""
    if request.user.is_authenticated:
        audit.record("logout", None, actor=request.user, object_type="User",
                     object_id=request.user.pk)
    auth_logout(request)
    return redirect("web:login")
