"""Happy-path CRUD through the API for practices, locations, providers, payers, coverages
and sessions (patients have their own file), plus list filters."""

from __future__ import annotations

import pytest

from bhbilling.app.models import ClinicalSession, Coverage, Practice
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tenant):
    """Company admin: every permission in every practice of the company."""
    return b.user(tenant.company, "company_admin")


def crud(api, resource: str, body: dict, patch: dict) -> dict:
    created = api.post(f"/{resource}", body)
    assert created.status_code == 201, created.content
    obj = created.json()
    got = api.get(f"/{resource}/{obj['id']}")
    assert got.status_code == 200
    assert got.json() == obj
    patched = api.patch(f"/{resource}/{obj['id']}", patch)
    assert patched.status_code == 200, patched.content
    for key, value in patch.items():
        assert patched.json()[key] == value
    listed = api.get(f"/{resource}?limit=200")
    assert listed.status_code == 200
    assert obj["id"] in [row["id"] for row in listed.json()["items"]]
    return patched.json()


def test_practices(tenant, admin):
    api = session_api(admin)
    out = crud(api, "practices", {
        "name": "New Leaf", "legal_name": "New Leaf PLLC", "tin": "26-1234567",
        "npi": b.npi("2"), "taxonomy": "103T00000X", "state": "NY", "postal_code": "12207",
    }, {"phone": "5185550199"})
    assert out["tin"] == "261234567"
    assert Practice.unscoped.get(pk=out["id"]).company_id == tenant.company.id


def test_practice_list_shows_only_memberships(tenant):
    practice_admin = b.user(tenant.company, "practice_admin", tenant.a)
    api = session_api(practice_admin)
    assert [p["id"] for p in api.get("/practices").json()["items"]] == [tenant.a.id]
    assert api.patch(f"/practices/{tenant.a.id}", {"phone": "5185550100"}).status_code == 200
    # Creating a practice is company-level: a practice admin may not.
    assert api.post("/practices", {"name": "X", "legal_name": "X", "tin": "261234567",
                                   "npi": b.npi("2"), "taxonomy": "103T00000X"}).status_code == 403


def test_locations(tenant, admin):
    crud(session_api(admin, practice_id=tenant.a.id), "locations",
         {"name": "Uptown", "default_pos": "11", "state": "NY", "postal_code": "12207"},
         {"name": "Uptown clinic"})


def test_providers_with_search(tenant, admin):
    api = session_api(admin, practice_id=tenant.a.id)
    out = crud(api, "providers", {"first_name": "Grace", "last_name": "Hopper", "npi": b.npi(),
                                  "taxonomy": "1041C0700X", "credential": "LCSW"},
               {"email": "grace@example.org"})
    b.provider(tenant.a, last_name="Turing")
    found = api.get("/providers?q=hopp").json()["items"]
    assert [p["id"] for p in found] == [out["id"]]


def test_payers(tenant, admin):
    out = crud(session_api(admin), "payers",
               {"name": "Empire Plan", "payer_id": "87726", "kind": "commercial",
                "address_line1": "PO Box 1600", "city": "Kingston", "state": "NY",
                "postal_code": "124021600"},
               {"timely_filing_days": 90, "appeals_line1": "Appeals, PO Box 1610",
                "appeals_city": "Kingston", "appeals_state": "NY", "appeals_postal_code": "12402"})
    assert (out["address_line1"], out["postal_code"], out["appeals_city"]) == (
        "PO Box 1600", "124021600", "Kingston")


def test_a_payer_address_is_checked(tenant, admin):
    bad = session_api(admin).post("/payers", {"name": "X", "payer_id": "X1", "kind": "commercial",
                                              "state": "New York", "postal_code": "1240"})
    assert bad.status_code in (400, 422)
    assert "state" in bad.content.decode() and "postal_code" in bad.content.decode()


def test_coverages(tenant, admin):
    patient = b.patient(tenant.a)
    payer = b.payer(tenant.company)
    out = crud(session_api(admin, practice_id=tenant.a.id), "coverages",
               {"patient_id": patient.id, "payer_id": payer.id, "member_id": "XYZ123456",
                "starts_on": "2026-01-01"},
               {"ends_on": "2026-12-31"})
    assert out["member_id"] == "XYZ123456"
    assert Coverage.unscoped.get(pk=out["id"]).practice_id == tenant.a.id


def test_sessions_with_filters(tenant, admin):
    patient, other = b.patient(tenant.a), b.patient(tenant.a)
    provider = b.provider(tenant.a)
    api = token_api(admin, practice_id=tenant.a.id)
    out = crud(api, "sessions",
               {"patient_id": patient.id, "provider_id": provider.id,
                "date_of_service": "2026-03-09", "start_time": "09:00:00",
                "end_time": "09:55:00", "service_type": "psychotherapy",
                "minutes": {"psychotherapy": 55}, "diagnoses": ["f411", "F32.1"]},
               {"note_signed": True})
    assert out["diagnoses"] == ["F41.1", "F32.1"]
    assert out["total_minutes"] == 55
    b.session(other, provider, date_of_service=b.dt.date(2026, 2, 1))
    by_patient = api.get(f"/sessions?patient={patient.id}").json()["items"]
    assert [s["id"] for s in by_patient] == [out["id"]]
    march = api.get("/sessions?date_from=2026-03-01&date_to=2026-03-31").json()["items"]
    assert [s["id"] for s in march] == [out["id"]]
    assert api.get(f"/sessions?provider={provider.id}").json()["count"] == 2
    assert ClinicalSession.unscoped.filter(practice=tenant.a).count() == 2
