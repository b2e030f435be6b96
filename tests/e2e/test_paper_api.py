"""Paper documents over the API: GET /v1/claims/{id}/cms1500.pdf and /v1/patients/{id}/superbill."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from tests import builders as b
from tests.e2e.apiclient import token_api
from tests.paperworld import MonthWorld, claim
from tests.pdfcheck import ink_share, page_count, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant):
    world = MonthWorld(tenant)
    world.api = token_api(b.user(tenant.company, "ar_specialist", tenant.a))
    return world


def test_a_claims_cms1500(w):
    response = w.api.get(f"/claims/{w.insured_claim.pk}/cms1500.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert page_count(response.content) == 2 and ink_share(response.content, 1) > 0.05
    text = pdf_text(response.content)
    assert "1260 00" in text and "CONTINUED" in text and "AUTH-42" in text
    plain = w.api.get(f"/claims/{w.insured_claim.pk}/cms1500.pdf?data_only=true").content
    assert "HEALTH INSURANCE CLAIM FORM" not in pdf_text(plain) and "AUTH-42" in pdf_text(plain)


def test_a_claim_that_does_not_fit_the_form_is_422_naming_the_item(w):
    crowded = claim(w.practice, w.self_pay, w.provider, w.acme, pcn="MANY-DX",
                    diagnoses=tuple(f"F4{i % 10}.{i // 10}" for i in range(13)),
                    lines=[(dt.date(2026, 3, 4), "90834", "150.00", (), (1,))])
    response = w.api.get(f"/claims/{crowded.pk}/cms1500.pdf")
    assert response.status_code == 422
    assert "item 21: at most 12 diagnoses fit, got 13" in response.json()["detail"]


def test_a_patients_superbill(w):
    response = w.api.get(f"/patients/{w.self_pay.pk}/superbill?month=2026-03")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Robin Ash" in text and "Total charges $330.00" in text and "F32.1" in text
    assert m.AuditEvent.objects.filter(action="export", object_type="patient",
                                       object_id=str(w.self_pay.pk)).count() == 1
    bad = w.api.get(f"/patients/{w.self_pay.pk}/superbill?month=2026-3x")
    assert bad.status_code == 422 and "expected YYYY-MM" in bad.json()["detail"]


def test_the_schema_documents_both_routes_as_pdf(w):
    paths = w.api.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/claims/{claim_id}/cms1500.pdf", "/api/v1/patients/{patient_id}/superbill"):
        assert "application/pdf" in paths[path]["get"]["responses"]["200"]["content"]
