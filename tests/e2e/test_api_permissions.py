"""Roles decide writes: read-only roles get 403 on every write, and payers are admin-only."""

from __future__ import annotations

import pytest

from bhbilling.app.models import Patient
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["client_viewer", "auditor"])
def test_read_only_roles_cannot_write(tenant, role):
    user = b.user(tenant.company, role, tenant.a)
    patient = b.patient(tenant.a)
    api = session_api(user)
    assert api.get(f"/patients/{patient.id}").status_code == 200
    assert api.get("/sessions").status_code == 200
    assert api.patch(f"/patients/{patient.id}", {"first_name": "Changed"}).status_code == 403
    assert api.post("/patients", {"account_number": "Z", "first_name": "A", "last_name": "B",
                                  "date_of_birth": "1990-01-01"}).status_code == 403
    assert api.post("/locations", {"name": "L"}).status_code == 403
    assert api.post("/providers", {"first_name": "A", "last_name": "B", "npi": b.npi(),
                                   "taxonomy": "1041C0700X", "credential": "LCSW"}).status_code == 403
    assert api.post("/payers", {"name": "P", "payer_id": "1", "kind": "commercial"}).status_code == 403
    assert api.patch(f"/practices/{tenant.a.id}", {"phone": "1"}).status_code == 403
    assert Patient.unscoped.get(pk=patient.pk).first_name == patient.first_name


def test_biller_edits_phi_but_not_practice_setup_or_payers(tenant):
    api = token_api(b.user(tenant.company, "biller", tenant.a))
    assert api.post("/patients", {"account_number": "Z", "first_name": "A", "last_name": "B",
                                  "date_of_birth": "1990-01-01"}).status_code == 201
    assert api.post("/locations", {"name": "L"}).status_code == 403
    assert api.post("/payers", {"name": "P", "payer_id": "1", "kind": "commercial"}).status_code == 403
    assert api.get("/payers").status_code == 200


def test_practice_admin_cannot_change_company_payers(tenant):
    payer = b.payer(tenant.company)
    api = session_api(b.user(tenant.company, "practice_admin", tenant.a))
    assert api.patch(f"/payers/{payer.id}", {"name": "Renamed"}).status_code == 403
