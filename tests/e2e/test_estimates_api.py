"""/api/v1/estimates: create from expected sessions, issue, replace, void, PDF, the billed
comparison with the $400 flag, worklist filters, refusals and read-only roles."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api
from tests.pdfcheck import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant):
    x = type("World", (), {})()
    x.tenant = tenant
    b.fee_schedule(tenant.a, None, {("90791", ""): "250.00", ("90834", ""): "150.00"},
                   effective_from=dt.date(2025, 1, 1))
    x.provider = b.provider(tenant.a)
    x.patient = b.patient(tenant.a)
    x.api = token_api(b.user(tenant.company, "biller", tenant.a))
    return x


BODY = {"trigger": "scheduled", "requested_on": "2026-11-25", "first_service_on": "2026-12-10",
        "period_start": "2026-12-10", "diagnoses": ["F41.1"],
        "expected": [{"code": "90791", "sessions": 1}, {"code": "90834", "sessions": 52}]}


def _post(w, **kw):
    return w.api.post("/estimates", {**BODY, "patient_id": w.patient.pk, "provider_id": w.provider.pk, **kw})


def test_create_issue_compare_and_print(w):
    resp = _post(w)
    assert resp.status_code == 201, resp.content
    e = resp.json()
    assert (e["total"], e["number"], e["status"], e["period_end"]) == (
        "8050.00", "GFE-2026-0001", "draft", "2027-12-09")
    # Wed 11-25 for Thu 12-10: 10 business days ahead (Thanksgiving skipped) -> 3 days: Tue 12-01
    assert e["due_on"] == "2026-12-01" and e["deadline"]["paragraph"] == "(B)"
    assert [(i["code"], i["label"], i["sessions"], i["total"]) for i in e["items"]] == [
        ("90791", "diagnostic evaluation", 1, "250.00"), ("90834", "psychotherapy, 45 min", 52, "7800.00")]
    assert e["comparison"] is None

    issued = w.api.post(f"/estimates/{e['id']}/issue", {"on": "2026-11-30"}).json()
    assert (issued["status"], issued["issued_on"], issued["state"]) == ("issued", "2026-11-30", "issued")
    session = b.session(w.patient, w.provider, date_of_service=dt.date(2026, 12, 10))
    m.CodingDecision.unscoped.create(practice=w.tenant.a, session=session, status="accepted",
                                     final=[{"code": "90834", "charge": "150.00", "units": 1}])
    c = w.api.get(f"/estimates/{e['id']}/comparison").json()
    assert (c["estimated"], c["billed"], c["difference"], c["dispute_eligible"]) == (
        "8050.00", "150.00", "-7900.00", False)
    assert c["items"] == [{"day": "2026-12-10", "code": "90834", "charge": "150.00",
                           "source": f"session {session.pk}"}]
    pdf = w.api.get(f"/estimates/{e['id']}/pdf")
    assert pdf["Content-Type"] == "application/pdf" and "GFE-2026-0001" in pdf_text(pdf.content)

    replaced = w.api.post(f"/estimates/{e['id']}/supersede",
                          {"requested_on": "2026-12-14", "first_service_on": "2026-12-17",
                           "expected": [{"code": "90834", "sessions": 40}]}).json()
    assert (replaced["supersedes_id"], replaced["total"], replaced["period_start"]) == (
        e["id"], "6000.00", "2026-12-10")
    assert w.api.post(f"/estimates/{replaced['id']}/void", {}).json()["status"] == "void"
    assert w.api.get(f"/estimates/{e['id']}").json()["status"] == "issued"


def test_refusals_are_422_and_name_the_field(w, tenant):
    resp = _post(w, expected=[{"code": "90837", "sessions": 3}])
    assert resp.status_code == 422
    assert "code 90837: no self-pay rate" in resp.json()["detail"][0]["msg"]
    resp = _post(w, period_end="2027-12-10")
    assert resp.status_code == 422 and resp.json()["detail"][0]["loc"][-1] == "period_end"
    resp = _post(w, patient_id=b.patient(tenant.b).pk)
    assert resp.status_code == 422 and resp.json()["detail"][0]["loc"][-1] == "patient_id"
    assert _post(w, expected=[]).status_code == 422
    assert not m.GoodFaithEstimate.unscoped.exists()
    e = _post(w).json()
    w.api.post(f"/estimates/{e['id']}/issue", {"on": "2026-11-27"})
    again = w.api.post(f"/estimates/{e['id']}/issue", {})
    assert again.status_code == 422 and "only a draft can be issued" in again.json()["detail"][0]["msg"]


def test_worklist_filters(w, tenant):
    overdue = b.estimate(w.patient, w.provider, requested_on=dt.date(2020, 1, 6), due_on=dt.date(2020, 1, 7),
                         first_service_on=dt.date(2020, 2, 3), period_start=dt.date(2020, 2, 3),
                         period_end=dt.date(2021, 2, 2))
    later = b.estimate(w.patient, w.provider, due_on=dt.date.today() + dt.timedelta(days=60))
    b.estimate(b.patient(tenant.b), b.provider(tenant.b), due_on=dt.date(2020, 1, 7))
    assert [r["id"] for r in w.api.get("/estimates?show=overdue").json()["items"]] == [overdue.pk]
    assert {r["id"] for r in w.api.get("/estimates").json()["items"]} == {overdue.pk, later.pk}
    assert w.api.get(f"/estimates?patient={w.patient.pk}&limit=1").json()["count"] == 2
    assert w.api.get("/estimates?show=nope").status_code == 422


def test_read_only_roles_cannot_write(w, tenant):
    api = session_api(b.user(tenant.company, "auditor", tenant.a))
    row = b.estimate(w.patient, w.provider)
    assert api.get(f"/estimates/{row.pk}").status_code == 200
    assert api.post("/estimates", {**BODY, "patient_id": w.patient.pk,
                                   "provider_id": w.provider.pk}).status_code == 403
    assert api.post(f"/estimates/{row.pk}/issue", {}).status_code == 403
    assert api.post(f"/estimates/{row.pk}/void", {}).status_code == 403
