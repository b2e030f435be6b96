"""API authentication: MFA-verified sessions with CSRF, personal tokens, and scope hygiene."""

from __future__ import annotations

import datetime as dt

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from bhbilling.app.accounts.tokens import authenticate_token, issue_token, revoke_token
from bhbilling.app.models import ApiToken, Membership
from bhbilling.app.tenancy import current_scope
from tests import builders as b
from tests.e2e.apiclient import Api, session_api, token_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def biller(tenant):
    return b.user(tenant.company, "biller", tenant.a)


def test_no_credentials_is_401(tenant):
    api = Api(Client())
    assert api.get("/patients").status_code == 401
    assert api.post("/patients", {"first_name": "x"}).status_code == 401


def test_session_without_totp_step_is_401(tenant, biller):
    api = session_api(biller, verified=False)
    assert api.get("/patients").status_code == 401


def test_verified_session_works(tenant, biller):
    assert session_api(biller).get("/patients").status_code == 200


def test_session_writes_need_csrf_token(tenant, biller):
    api = session_api(biller, enforce_csrf=True)
    body = {"account_number": "C1", "first_name": "A", "last_name": "B",
            "date_of_birth": "1990-01-01"}
    assert api.post("/patients", body).status_code == 403
    secret = _get_new_csrf_string()
    api.client.cookies["csrftoken"] = secret
    assert api.post("/patients", body, **{"X-CSRFToken": secret}).status_code == 201


def test_token_works_without_csrf_and_sets_last_used(tenant, biller):
    api = token_api(biller)
    resp = api.post("/patients", {"account_number": "T1", "first_name": "A", "last_name": "B",
                                  "date_of_birth": "1990-01-01"})
    assert resp.status_code == 201, resp.content
    assert resp.json()["practice_id"] == tenant.a.id
    assert ApiToken.objects.get(user=biller).last_used_at is not None


def test_revoked_and_expired_tokens_are_401(tenant, biller):
    token, plaintext = issue_token(biller, "revoked")
    revoke_token(token.id)
    api = Api(Client(), {"Authorization": f"Bearer {plaintext}"})
    assert api.get("/patients").status_code == 401
    expired = token_api(biller, expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert expired.get("/patients").status_code == 401
    assert Api(Client(), {"Authorization": "Bearer bhb_made-up"}).get("/patients").status_code == 401


def test_token_is_stored_as_digest_only(tenant, biller):
    token, plaintext = issue_token(biller, "x")
    assert plaintext.startswith("bhb_") and len(plaintext) > 40
    row = ApiToken.objects.get(pk=token.pk)
    assert plaintext not in (row.digest, row.prefix) and row.prefix == plaintext[:12]
    assert authenticate_token(plaintext) == biller
    assert authenticate_token(plaintext + "x") is None


def test_token_for_practice_outside_membership_is_403(tenant, biller):
    api = token_api(biller, practice_id=tenant.b.id)
    assert api.get("/patients").status_code == 403
    assert current_scope() is None


def test_token_requests_do_not_leak_scope_between_users(tenant):
    """Same thread, back to back: the second caller must never inherit the first's tenant."""
    user_a = b.user(tenant.company, "biller", tenant.a)
    user_b = b.user(tenant.company, "biller", tenant.b)
    patient_a = b.patient(tenant.a)
    patient_b = b.patient(tenant.b)
    api_a, api_b = token_api(user_a), token_api(user_b)
    assert current_scope() is None
    assert [p["id"] for p in api_a.get("/patients").json()["items"]] == [patient_a.id]
    assert current_scope() is None
    assert [p["id"] for p in api_b.get("/patients").json()["items"]] == [patient_b.id]
    assert current_scope() is None
    assert api_b.get(f"/patients/{patient_a.id}").status_code == 404
    assert current_scope() is None
    # An error inside the view must not leave the scope behind either.
    assert api_a.post("/patients", {"bad": 1}).status_code == 422
    assert current_scope() is None
    # A token user without any membership gets no scope (and no data), not a leftover one.
    loner = b.user(b.company(), "biller")
    Membership.objects.filter(user=loner).delete()
    assert token_api(loner).get("/patients").status_code == 403
    assert current_scope() is None


def test_tokens_endpoint_mints_only_from_session(tenant, biller):
    session = session_api(biller)
    created = session.post("/tokens", {"name": "nightly", "days": 30})
    assert created.status_code == 201
    plaintext = created.json()["token"]
    via_token = Api(Client(), {"Authorization": f"Bearer {plaintext}"})
    assert via_token.get("/tokens").status_code == 200
    assert [t["name"] for t in via_token.get("/tokens").json()] == ["nightly"]
    assert "token" not in via_token.get("/tokens").json()[0]
    assert via_token.post("/tokens", {"name": "again"}).status_code == 403
    token_id = created.json()["id"]
    assert session.delete(f"/tokens/{token_id}").status_code == 204
    assert via_token.get("/tokens").status_code == 401
