"""Patients through the API: CRUD, search, SSN masking, encrypted fields, audit of reads."""

from __future__ import annotations

import pytest

from bhbilling.app.models import AuditEvent, Patient
from tests import builders as b
from tests.e2e.apiclient import session_api

pytestmark = pytest.mark.django_db

BODY = {
    "account_number": "MRN-77", "first_name": "Robin", "last_name": "Okafor",
    "date_of_birth": "1990-02-03", "sex": "F", "ssn": "123-45-6789", "state": "NY",
    "postal_code": "12207",
}


@pytest.fixture
def biller(tenant):
    return b.user(tenant.company, "biller", tenant.a)


def test_create_read_update_list(tenant, biller):
    api = session_api(biller)
    created = api.post("/patients", BODY)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["practice_id"] == tenant.a.id
    assert data["ssn"] == "***-**-6789"
    assert data["date_of_birth"] == "1990-02-03"
    row = Patient.unscoped.get(pk=data["id"])
    assert row.ssn == "123456789" and row.practice_id == tenant.a.id

    got = api.get(f"/patients/{data['id']}")
    assert got.status_code == 200
    assert got.json()["last_name"] == "Okafor"
    assert "6789" in got.json()["ssn"] and "12345" not in got.json()["ssn"]

    patched = api.patch(f"/patients/{data['id']}", {"phone": "5185550100"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["phone"] == "5185550100"
    assert patched.json()["first_name"] == "Robin"  # untouched by PATCH

    listed = api.get("/patients")
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["items"]] == [data["id"]]
    assert listed.json()["count"] == 1


def test_search_by_name_or_account_number(tenant, biller):
    b.patient(tenant.a, first_name="Alex", last_name="Zimmer", account_number="Q-1")
    b.patient(tenant.a, first_name="Morgan", last_name="Yates", account_number="Q-2")
    api = session_api(biller)
    by_name = api.get("/patients?q=zimm").json()["items"]
    assert [p["last_name"] for p in by_name] == ["Zimmer"]
    by_account = api.get("/patients?q=q-2").json()["items"]
    assert [p["last_name"] for p in by_account] == ["Yates"]


def test_pagination_caps_page_size(tenant, biller):
    for _ in range(3):
        b.patient(tenant.a)
    api = session_api(biller)
    page = api.get("/patients?limit=2&offset=0").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert api.get("/patients?limit=201").status_code == 422


def test_reads_and_lists_are_audited_without_phi(tenant, biller):
    patient = b.patient(tenant.a, last_name="Secretname")
    api = session_api(biller)
    before = AuditEvent.objects.count()
    assert api.get(f"/patients/{patient.id}").status_code == 200
    assert api.get("/patients").status_code == 200
    events = list(AuditEvent.objects.order_by("id")[before:])
    actions = [(e.action, e.object_type) for e in events]
    assert ("read", "patient") in actions
    assert ("list", "patient") in actions
    listed = next(e for e in events if e.action == "list")
    assert listed.detail == {"count": 1}
    assert listed.practice_id == tenant.a.id
    assert all(e.actor_id == biller.id for e in events)
    assert all("Secretname" not in str(e.detail) for e in events)


def test_duplicate_account_number_is_422(tenant, biller):
    b.patient(tenant.a, account_number="DUP-1")
    api = session_api(biller)
    resp = api.post("/patients", {**BODY, "account_number": "DUP-1"})
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["loc"][:2] == ["body", "payload"]
