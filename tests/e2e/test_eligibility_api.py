"""Eligibility and authorizations over the JSON API (token callers): benefit summaries of a
patient, 270 inquiries, 271 answers, authorizations with usage, alerts and booking checks.
Tenant isolation of every id route is in test_api_tenant_isolation.py; here the ids inside
request bodies are checked too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.e2e.apiclient import token_api

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "unit" / "x12" / "elig" / "data"


@pytest.fixture
def world(tenant):
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Blue Horizon", payer_id="BHH01")
    b.clearinghouse(tenant.company)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w.provider = b.provider(tenant.a)
        w.ana = b.patient(tenant.a, first_name="Ana", last_name="Rivera")
        w.coverage = b.coverage(w.ana, w.payer, member_id="XHB556677001")
        w.self_pay = b.patient(tenant.a, last_name="Cash")
        for day in (2, 9):
            b.session(w.ana, w.provider, date_of_service=dt.date(2026, 3, day), status="scheduled",
                      note_signed=False)
    with scoped_to(tenant.company.pk, tenant.b.pk):
        w.stranger = b.patient(tenant.b)
    w.api = token_api(b.user(tenant.company, "biller", tenant.a), practice_id=tenant.a.pk)
    w.auditor = token_api(b.user(tenant.company, "auditor", tenant.a), practice_id=tenant.a.pk)
    return w


def _content(name: str) -> str:
    return (DATA / name).read_text()


def _auth_body(w, **kw):
    body = {"patient_id": w.ana.pk, "payer_id": w.payer.pk, "number": "PA-1",
            "codes": ["group:psychotherapy"], "unit_type": "visit", "units_approved": 2,
            "starts_on": "2026-03-01", "ends_on": "2026-03-31"}
    body.update(kw)
    return body


def test_record_a_271_and_read_the_patient_summary(world):
    empty = world.api.get(f"/patients/{world.ana.pk}/eligibility")
    assert empty.status_code == 200 and empty.json() == {"patient_id": world.ana.pk, "checks": [],
                                                         "visits": None}
    resp = world.api.post("/eligibility", {"file_name": "05.271", "content": _content("05_visit_limit.271"),
                                           "on": "2026-03-09"})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["unmatched"] == [] and body["duplicates"] == 0
    (check,) = body["checks"]
    assert check["patient_id"] == world.ana.pk and check["status"] == "active"
    assert check["summary"]["in_network"]["copay"] == "40"
    assert check["summary"]["visit_limit"] == {"limit": 20, "used": 6, "remaining": 14,
                                               "period": "service year"}
    summary = world.api.get(f"/patients/{world.ana.pk}/eligibility?on=2026-03-09").json()
    assert [c["id"] for c in summary["checks"]] == [check["id"]]
    # 20 a service year from the plan date 2025-07-01; the payer says 6 used; 2 booked here.
    assert summary["visits"] == {"limit": 20, "period": "service year", "used": 6, "scheduled": 2,
                                 "remaining": 12, "year_start": "2025-07-01", "year_end": "2026-06-30"}
    detail = world.api.get(f"/eligibility/{check['id']}").json()
    assert detail["response_271"] == _content("05_visit_limit.271")
    listed = world.api.get(f"/eligibility?patient={world.ana.pk}").json()
    assert [c["id"] for c in listed["items"]] == [check["id"]]


def test_271_problems_are_422_with_the_place(world):
    broken = _content("05_visit_limit.271").replace("SE*", "SX*", 1)
    resp = world.api.post("/eligibility", {"file_name": "bad.271", "content": broken})
    assert resp.status_code == 422 and "bad.271 segment" in resp.json()["detail"]
    wrong = world.api.post("/eligibility", {"file_name": "08.271", "patient_id": world.ana.pk,
                                            "content": _content("08_aaa_72_member_id.271")})
    assert wrong.status_code == 422 and "not on this patient's coverage" in wrong.json()["detail"]
    foreign = world.api.post("/eligibility", {"file_name": "05.271", "patient_id": world.stranger.pk,
                                              "content": _content("05_visit_limit.271")})
    assert foreign.status_code == 404
    assert m.EligibilityCheck.unscoped.count() == 0


def test_inquiry_writes_a_270_and_says_there_is_no_connection(world):
    resp = world.api.post(f"/patients/{world.ana.pk}/eligibility/inquiry?on=2026-03-09", {})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["content"].startswith("ISA*") and "EQ*MH" in body["content"]
    assert "No clearinghouse connection" in body["message"]
    assert body["interchange_number"] == 1
    none = world.api.post(f"/patients/{world.self_pay.pk}/eligibility/inquiry", {})
    assert none.status_code == 422 and "self-pay" in none.json()["detail"]
    assert world.auditor.post(f"/patients/{world.ana.pk}/eligibility/inquiry", {}).status_code == 403


def test_authorizations_with_usage_edit_alerts_and_checks(world):
    created = world.api.post("/authorizations", _auth_body(world))
    assert created.status_code == 201, created.content
    row = created.json()
    assert row["usage"] == {"approved": 2, "used": 0, "pending": 2, "remaining": 0, "committed": 2,
                            "percent": 100, "over_limit": 0}
    assert world.api.get(f"/authorizations/{row['id']}").json()["usage"]["pending"] == 2
    page = world.api.get("/authorizations?limit=10").json()
    assert page["count"] == 1 and page["items"][0]["number"] == "PA-1"
    patched = world.api.patch(f"/authorizations/{row['id']}", {"units_approved": 4})
    assert patched.status_code == 200 and patched.json()["usage"]["remaining"] == 2
    alerts = world.api.get("/authorizations/alerts?on=2026-03-25").json()
    assert {(a["kind"], a["id"]) for a in alerts} == {("units_left", row["id"]),
                                                      ("expiring", row["id"])}
    ok = world.api.post("/authorizations/check", {"patient_id": world.ana.pk,
                                                  "date_of_service": "2026-03-16", "codes": ["90837"],
                                                  "provider_id": world.provider.pk}).json()
    assert ok["blocking"] is False and ok["authorization_number"] == "PA-1" and ok["remaining_after"] == 1
    late = world.api.post("/authorizations/check", {"patient_id": world.ana.pk,
                                                    "date_of_service": "2026-04-02",
                                                    "service_type": "psychotherapy"}).json()
    assert late["blocking"] is True and late["messages"] == ["authorization PA-1 ended on 2026-03-31"]


def test_authorization_bodies_are_validated_and_scoped(world):
    bad = world.api.post("/authorizations", _auth_body(world, codes=["99"], ends_on="2026-02-01"))
    assert bad.status_code == 422
    locs = {tuple(d["loc"]) for d in bad.json()["detail"]}
    assert ("body", "payload", "codes") in locs
    foreign = world.api.post("/authorizations", _auth_body(world, patient_id=world.stranger.pk))
    assert foreign.status_code == 422
    assert foreign.json()["detail"][0]["loc"] == ["body", "payload", "patient_id"]
    check = world.api.post("/authorizations/check", {"patient_id": world.stranger.pk,
                                                     "date_of_service": "2026-03-16"})
    assert check.status_code == 404
    assert world.auditor.post("/authorizations", _auth_body(world)).status_code == 403
    assert world.auditor.get("/authorizations").status_code == 200
    assert m.Authorization.unscoped.count() == 0
