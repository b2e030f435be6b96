"""The two-step sign-in: password, then a TOTP code (RFC 6238) from a confirmed device.

- Step 1 (password) only signs the user in *unverified*; RequireMFAMiddleware keeps such a
  session to the verify, enrol and logout pages. Step 2 marks the session OTP-verified
  (``django_otp.login``). HIPAA 45 CFR 164.312(d), person or entity authentication.
- A user without a confirmed device enrols one: an unconfirmed TOTPDevice is created, its
  secret shown once as text and QR code, and it is confirmed only by a correct code. A user
  who already has a confirmed device can never enrol another from a password-only session.
- Every failure and success is audited (45 CFR 164.312(b)); details hold no secrets, codes
  or passwords, only whether the username exists.
"""

from __future__ import annotations

import base64

import django_otp
import segno
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app import audit

NEXT_KEY = "bhbilling_next"


def record_login_failed(username: str) -> None:
    """Audit a failed password step; records only whether the username exists."""
    known = bool(username) and get_user_model().objects.filter(username=username).exists()
    audit.record("login_failed", None, object_type="User", detail={"username_known": known})


def has_confirmed_device(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def verify_code(request: HttpRequest, code: str) -> bool:
    """Check ``code`` against the user's confirmed devices; on success verify the session.

    TOTPDevice refuses a code already used (replay) and throttles after failures.
    """
    user = request.user
    device = django_otp.match_token(user, code.strip()) if code else None
    if device is None:
        audit.record("mfa_failed", None, actor=user, object_type="User", object_id=user.pk)
        return False
    django_otp.login(request, device)
    audit.record("login", None, actor=user, object_type="User", object_id=user.pk)
    return True


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first visit to the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an authenticator app."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code (no external image service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm ``device`` with its first code and verify the session with it."""
    user = request.user
    if not code or not device.verify_token(code.strip()):
        audit.record("mfa_failed", None, actor=user, object_type="User", object_id=user.pk,
                     detail={"enrolment": True})
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    audit.record("login", None, actor=user, object_type="User", object_id=user.pk,
                 detail={"enrolment": True})
    return True


def remember_next(request: HttpRequest, target: str | None) -> None:
    """Keep where the user was going, if it is a local URL, across the two steps."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[NEXT_KEY] = target


def pop_next(request: HttpRequest, default: str) -> str:
    return request.session.pop(NEXT_KEY, None) or default
