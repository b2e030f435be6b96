"""Web sign-in: password, then TOTP; enrolment; sign-out; and the audit trail of each step."""

from __future__ import annotations

import django_otp.oath
import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app.models import AuditEvent
from tests import builders as b
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def biller(tenant):
    return b.user(tenant.company, role="biller", practice_row=tenant.a)


def _password_only(client, user):
    response = client.post(reverse("web:login"), {"username": user.username,
                                                  "password": b.PASSWORD})
    assert response.status_code == 302
    return response


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/patients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_login_page_shows_idle_notice_only_when_expired(client):
    assert b"15 minutes" not in client.get(reverse("web:login")).content
    assert b"15 minutes without activity" in client.get(reverse("web:login") + "?expired=1").content


def test_password_step_leads_to_verify_and_nothing_else(client, biller):
    response = _password_only(client, biller)
    assert response["Location"] == reverse("web:verify")
    for url in ("/", "/patients/", "/sessions/", "/providers/", "/payers/"):
        blocked = client.get(url)
        assert blocked.status_code == 302, url
        assert blocked["Location"] == reverse("web:verify"), url
    assert client.get(reverse("web:verify")).status_code == 200


def test_wrong_password_is_audited_without_the_password(client, biller):
    response = client.post(reverse("web:login"), {"username": biller.username,
                                                  "password": "wrong-password-123"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    event = AuditEvent.objects.get(action="login_failed")
    assert event.detail == {"username_known": True}
    assert "wrong-password-123" not in str(event.__dict__)


def test_unknown_username_is_audited_as_unknown(client, db):
    client.post(reverse("web:login"), {"username": "nobody-here", "password": "x" * 12})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.detail == {"username_known": False}
    assert event.object_type == "User"


def test_wrong_code_stays_unverified_and_is_audited(client, biller):
    _password_only(client, biller)
    good = b.totp_now(biller)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(reverse("web:verify"), {"code": wrong})
    assert response.status_code == 200
    assert b"not valid" in response.content
    assert client.get("/patients/")["Location"] == reverse("web:verify")
    event = AuditEvent.objects.get(action="mfa_failed")
    assert event.actor_id == biller.pk
    assert wrong not in str(event.detail)


def test_malformed_code_is_refused(client, biller):
    _password_only(client, biller)
    response = client.post(reverse("web:verify"), {"code": "12ab56"})
    assert response.status_code == 200
    assert client.get("/")["Location"] == reverse("web:verify")


def test_correct_code_verifies_and_is_audited(client, biller):
    response = sign_in(client, biller)
    assert response["Location"] == reverse("web:home")
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="login", actor_id=biller.pk).count() == 1
    # A verified user going back to the sign-in pages is sent home.
    assert client.get(reverse("web:login"))["Location"] == reverse("web:home")
    assert client.get(reverse("web:verify"))["Location"] == reverse("web:home")


def test_code_cannot_be_replayed(client, biller):
    code = b.totp_now(biller)
    sign_in(client, biller, code=code)
    client.post(reverse("web:logout"))
    _password_only(client, biller)
    response = client.post(reverse("web:verify"), {"code": code})
    assert response.status_code == 200
    assert client.get("/")["Location"] == reverse("web:verify")


def test_next_page_survives_both_steps(client, biller):
    client.post(reverse("web:login"), {"username": biller.username, "password": b.PASSWORD,
                                       "next": "/sessions/"})
    response = client.post(reverse("web:verify"), {"code": b.totp_now(biller)})
    assert response["Location"] == "/sessions/"


def test_offsite_next_is_ignored(client, biller):
    client.post(reverse("web:login"), {"username": biller.username, "password": b.PASSWORD,
                                       "next": "https://evil.example/"})
    response = client.post(reverse("web:verify"), {"code": b.totp_now(biller)})
    assert response["Location"] == reverse("web:home")


def test_user_without_device_enrols_with_a_code(client, tenant):
    user = b.user(tenant.company, role="biller", practice_row=tenant.a, with_totp=False)
    response = _password_only(client, user)
    assert response["Location"] == reverse("web:enroll")
    assert client.get(reverse("web:verify"))["Location"] == reverse("web:enroll")
    assert client.get("/")["Location"] == reverse("web:verify")

    page = client.get(reverse("web:enroll"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert page.context["secret"].replace(" ", "") in page.content.decode().replace(" ", "")

    wrong = client.post(reverse("web:enroll"), {"code": "000000"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # a wrong code throttles the next try
    device.throttle_reset()

    code = django_otp.oath.totp(device.bin_key, step=device.step, t0=device.t0,
                                digits=device.digits)
    response = client.post(reverse("web:enroll"), {"code": f"{code:06d}"})
    assert response["Location"] == reverse("web:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_enrolment_is_closed_to_users_with_a_device(client, biller):
    _password_only(client, biller)
    assert client.get(reverse("web:enroll"))["Location"] == reverse("web:verify")
    assert client.post(reverse("web:enroll"), {"code": "123456"})["Location"] == reverse(
        "web:verify"
    )
    assert TOTPDevice.objects.filter(user=biller).count() == 1


def test_logout_is_post_only_and_audited(client, biller):
    sign_in(client, biller)
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response["Location"] == reverse("web:login")
    assert AuditEvent.objects.filter(action="logout", actor_id=biller.pk).count() == 1
    assert client.get("/")["Location"].startswith(reverse("web:login"))


def test_unverified_user_can_sign_out(client, biller):
    _password_only(client, biller)
    response = client.post(reverse("web:logout"))
    assert response["Location"] == reverse("web:login")
    assert client.get("/")["Location"].startswith(reverse("web:login"))
