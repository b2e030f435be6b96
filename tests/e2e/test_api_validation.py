"""422 answers: model rules come back in the same shape as schema errors, field by field."""

from __future__ import annotations

import pytest

from bhbilling.app.models import Coverage, Provider
from tests import builders as b
from tests.e2e.apiclient import session_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(tenant):
    return session_api(b.user(tenant.company, "practice_admin", tenant.a))


def fields_in_error(resp) -> dict[str, str]:
    assert resp.status_code == 422, resp.content
    detail = resp.json()["detail"]
    for entry in detail:
        assert set(entry) >= {"loc", "msg", "type"}
        assert entry["loc"][:2] == ["body", "payload"]
    return {entry["loc"][2]: entry["msg"] for entry in detail if len(entry["loc"]) > 2}


def test_schema_error_names_the_missing_field(api):
    fields = fields_in_error(api.post("/providers", {"first_name": "A"}))
    assert {"last_name", "npi", "taxonomy", "credential"} <= set(fields)


def test_bad_npi_taxonomy_and_credential(api):
    fields = fields_in_error(api.post("/providers", {
        "first_name": "A", "last_name": "B", "npi": "1234567890", "taxonomy": "nope",
        "credential": "WIZARD"}))
    assert set(fields) == {"npi", "taxonomy", "credential"}
    assert "NPI" in fields["npi"]
    assert Provider.unscoped.count() == 0


def test_bad_state_zip_and_tin(tenant):
    admin = session_api(b.user(tenant.company, "company_admin"))
    fields = fields_in_error(admin.post("/practices", {
        "name": "X", "legal_name": "X", "tin": "12", "npi": b.npi("2"), "taxonomy": "103T00000X",
        "state": "New York"}))
    assert set(fields) == {"tin"}  # the TIN is checked before the model
    fields = fields_in_error(admin.post("/practices", {
        "name": "X", "legal_name": "X", "tin": "261234567", "npi": b.npi("2"),
        "taxonomy": "103T00000X", "state": "ny", "postal_code": "1220"}))
    assert set(fields) == {"state", "postal_code"}


def test_patient_ssn_and_future_birth_date(api):
    fields = fields_in_error(api.post("/patients", {
        "account_number": "V1", "first_name": "A", "last_name": "B",
        "date_of_birth": "2999-01-01", "ssn": "12-345"}))
    assert set(fields) == {"ssn", "date_of_birth"}
    assert "12-345" not in fields["ssn"]


def test_coverage_dates_in_order(tenant, api):
    patient, payer = b.patient(tenant.a), b.payer(tenant.company)
    fields = fields_in_error(api.post("/coverages", {
        "patient_id": patient.id, "payer_id": payer.id, "member_id": "M1",
        "starts_on": "2026-06-01", "ends_on": "2026-05-31"}))
    assert set(fields) == {"ends_on"}
    coverage = b.coverage(patient, payer)
    fields = fields_in_error(api.patch(f"/coverages/{coverage.id}", {"ends_on": "2025-01-01"}))
    assert set(fields) == {"ends_on"}
    assert Coverage.unscoped.get(pk=coverage.pk).ends_on is None


def test_session_diagnoses_and_times(tenant, api):
    patient, provider = b.patient(tenant.a), b.provider(tenant.a)
    body = {"patient_id": patient.id, "provider_id": provider.id,
            "date_of_service": "2026-03-02", "service_type": "psychotherapy"}
    fields = fields_in_error(api.post("/sessions", {**body, "diagnoses": ["F41.1", "banana"]}))
    assert set(fields) == {"diagnoses"}
    assert "Item 2" in fields["diagnoses"]
    fields = fields_in_error(api.post("/sessions", {**body, "start_time": "10:00:00",
                                                    "end_time": "09:00:00"}))
    assert set(fields) == {"end_time"}
    fields = fields_in_error(api.post("/sessions", {**body, "service_type": "astrology"}))
    assert set(fields) == {"service_type"}


def test_foreign_ids_from_another_tenant_are_422_and_never_linked(tenant, api):
    other_company = b.company()
    foreign_payer = b.payer(other_company)
    patient_b = b.patient(tenant.b)
    provider_b = b.provider(tenant.b)
    patient_a, payer = b.patient(tenant.a), b.payer(tenant.company)
    fields = fields_in_error(api.post("/coverages", {
        "patient_id": patient_b.id, "payer_id": foreign_payer.id, "member_id": "M1",
        "starts_on": "2026-01-01"}))
    assert set(fields) == {"patient_id"}  # first failing key stops resolution
    fields = fields_in_error(api.post("/coverages", {
        "patient_id": patient_a.id, "payer_id": foreign_payer.id, "member_id": "M1",
        "starts_on": "2026-01-01"}))
    assert set(fields) == {"payer_id"}
    fields = fields_in_error(api.post("/sessions", {
        "patient_id": patient_a.id, "provider_id": provider_b.id,
        "date_of_service": "2026-03-02", "service_type": "psychotherapy"}))
    assert set(fields) == {"provider_id"}
    coverage = b.coverage(patient_a, payer)
    fields = fields_in_error(api.patch(f"/coverages/{coverage.id}", {"patient_id": patient_b.id}))
    assert set(fields) == {"patient_id"}
    assert Coverage.unscoped.get(pk=coverage.pk).patient_id == patient_a.id
    assert Coverage.unscoped.filter(patient=patient_b).count() == 0
    assert not Coverage.unscoped.filter(payer=foreign_payer).exists()
