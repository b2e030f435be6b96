"""Demo logins: one user per role, the published demo password and a fixed TOTP key.

The password and TOTP secret are public (README, ``bhbilling serve``): they exist only to
try the demo on a laptop. A real deployment creates users with ``bhbilling manage
createsuperuser`` and enrols MFA through the web enrolment page.
"""

from __future__ import annotations

import base64

import django_otp.oath
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app.models import BillingCompany, Membership, Practice
from bhbilling.domain.demo import DEMO_PASSWORD
from bhbilling.domain.demo.records import DemoUser
from bhbilling.kernel.errors import BhBillingError

DEMO_EMAIL_DOMAIN = "demo.bhbilling.invalid"
DEVICE_NAME = "demo authenticator"


class NotADemoUser(BhBillingError):
    """Codes are printed only for users the demo created, never for real accounts."""


def create_demo_users(company: BillingCompany, practices: dict[str, Practice],
                      users: tuple[DemoUser, ...], totp_key_hex: str) -> list:
    """Users, memberships and confirmed TOTP devices; the password is hashed once."""
    user_model = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)
    created = user_model.objects.bulk_create([
        user_model(username=u.username, first_name=u.first_name, last_name=u.last_name,
                   email=f"{u.username}@{DEMO_EMAIL_DOMAIN}", password=password_hash,
                   is_staff=u.is_superuser, is_superuser=u.is_superuser, is_active=True)
        for u in users
    ])
    by_name = {row.username: row for row in created}
    if any(row.pk is None for row in created):  # a backend without RETURNING on insert
        by_name = {row.username: row for row in user_model.objects.filter(
            username__in=[u.username for u in users])}
    Membership.objects.bulk_create([
        Membership(user=by_name[u.username], company=company, role=u.role,
                   practice=practices[u.practice_key] if u.practice_key else None)
        for u in users
    ])
    TOTPDevice.objects.bulk_create([
        TOTPDevice(user=by_name[u.username], name=DEVICE_NAME, key=totp_key_hex, confirmed=True)
        for u in users
    ])
    return [by_name[u.username] for u in users]


def is_demo_user(user) -> bool:
    return (user.email or "").lower().endswith("@" + DEMO_EMAIL_DOMAIN)


def _demo_device(username: str) -> TOTPDevice:
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not is_demo_user(user):
        raise NotADemoUser(
            f"{username!r} is not a demo user; codes are shown only for accounts the demo "
            f"created (e-mail @{DEMO_EMAIL_DOMAIN})")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        raise NotADemoUser(f"demo user {username!r} has no confirmed TOTP device")
    return device


def current_totp(username: str = "admin") -> str:
    """The code an authenticator shows right now for a demo user (RFC 6238, 30 s step)."""
    device = _demo_device(username)
    code = django_otp.oath.totp(device.bin_key, step=device.step, t0=device.t0,
                                digits=device.digits)
    return f"{code:0{device.digits}d}"


def totp_secret_base32(username: str = "admin") -> str:
    """The device key in base32, as typed into (or scanned by) an authenticator app."""
    return base64.b32encode(bytes.fromhex(_demo_device(username).key)).decode("ascii")
