"""/api/v1/appeals: create from a denial, sent, decision (next level offered), letter PDF,
the permission (WORK_DENIALS) and the other tenant's ids."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.denialworld import denied, make_world
from tests.e2e.apiclient import session_api, token_api
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.id, tenant.a.id):
        world = make_world(tenant, monkeypatch, payer_kind="medicare")
    world.biller = b.user(tenant.company, "biller", tenant.a)
    return world


def _denial(w, days_left: int = 30) -> m.Denial:
    with scoped_to(w.tenant.company.id, w.practice.id):
        denial = denied(w, (("CO", "197", "200"),))
    m.Denial.unscoped.filter(pk=denial.pk).update(
        category="authorization", appeal_deadline=timezone.localdate() + dt.timedelta(days=days_left))
    return denial


def test_create_send_lose_next_level_and_letter(w):
    denial = _denial(w)
    api = token_api(w.biller, practice_id=w.practice.pk)
    created = api.post("/appeals", {"denial_id": denial.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["level"], body["status"], body["template"]) == (1, "draft", "authorization/medicare")
    assert body["days_left"] == 30 and body["reminder_due_on"] is None
    assert "Request for Redetermination" in body["letter"]
    assert "Authorization letter or approval" in body["attachments"]
    appeal_id = body["id"]

    listed = api.get("/appeals").json()
    assert [r["id"] for r in listed] == [appeal_id]

    pdf = api.get(f"/appeals/{appeal_id}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert ink_share(pdf.content) > 0.01
    assert "Request for Redetermination" in pdf_text(pdf.content)

    sent = api.post(f"/appeals/{appeal_id}/sent", {})
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    assert m.Claim.unscoped.get(pk=denial.claim_id).state == "appealed"
    again = api.post(f"/appeals/{appeal_id}/sent", {})
    assert again.status_code == 422 and "only a draft" in again.json()["detail"]

    today = timezone.localdate()
    decided = api.post(f"/appeals/{appeal_id}/decision",
                       {"outcome": "lost", "decided_on": today.isoformat()})
    assert decided.status_code == 200, decided.content
    offer = decided.json()["next_level"]
    assert offer == {"level": 2, "name": "Request for Reconsideration (QIC)",
                     "deadline": (today + dt.timedelta(days=180)).isoformat()}
    assert decided.json()["appeal"]["next_level"] == offer

    second = api.post("/appeals", {"after_appeal_id": appeal_id})
    assert second.status_code == 201, second.content
    assert (second.json()["level"], second.json()["deadline"]) == (2, offer["deadline"])
    assert api.get(f"/appeals/{appeal_id}").json()["next_level"] is None  # started


def test_refusals_answer_422_with_the_reason(w):
    late = _denial(w, days_left=-1)
    api = session_api(w.biller, practice_id=w.practice.pk)
    resp = api.post("/appeals", {"denial_id": late.pk})
    assert resp.status_code == 422 and "passed 1 day(s) ago" in resp.json()["detail"]
    ok = api.post("/appeals", {"denial_id": late.pk, "late_ok": True, "late_reason": "good cause"})
    assert ok.status_code == 201 and "good cause" in ok.json()["note"]
    both = api.post("/appeals", {"denial_id": late.pk, "after_appeal_id": 1})
    assert both.status_code == 422 and "exactly one of" in both.json()["detail"]
    bad = api.get("/appeals?status=nope")
    assert bad.status_code == 422


def test_needs_work_denials(w, tenant):
    denial = _denial(w)
    coder = b.user(tenant.company, "coder", tenant.a)
    api = token_api(coder, practice_id=w.practice.pk)
    assert api.get("/appeals").status_code == 403
    assert api.post("/appeals", {"denial_id": denial.pk}).status_code == 403
    assert not m.Appeal.unscoped.filter(denial=denial).exists()


def test_other_tenants_denial_and_lost_appeal_are_404(w, tenant):
    denial = _denial(w)
    mine = token_api(w.biller, practice_id=w.practice.pk)
    appeal_id = mine.post("/appeals", {"denial_id": denial.pk}).json()["id"]
    mine.post(f"/appeals/{appeal_id}/sent", {})
    mine.post(f"/appeals/{appeal_id}/decision", {"outcome": "lost",
                                                 "decided_on": timezone.localdate().isoformat()})
    other = token_api(b.user(tenant.company, "biller", tenant.b), practice_id=tenant.b.pk)
    assert other.post("/appeals", {"denial_id": denial.pk}).status_code == 404
    assert other.post("/appeals", {"after_appeal_id": appeal_id}).status_code == 404
    assert m.Appeal.unscoped.filter(denial=denial).count() == 1
