"""/api/v1/denials and /api/v1/writeoffs: queue, assign, actions, approvals and permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.denialworld import denied, make_world
from tests.e2e.apiclient import token_api

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        world = make_world(tenant, monkeypatch)
        world.auth = denied(world, [("CO", "197", "200")], remarks=("N54",))
        world.coding = denied(world, [("CO", "4", "200")])
    world.biller = b.user(tenant.company, "ar_specialist", tenant.a)
    world.admin = b.user(tenant.company, "practice_admin", tenant.a)
    world.auditor = b.user(tenant.company, "auditor", tenant.a)
    return world


def test_queue_with_advice_and_filters(w):
    api = token_api(w.biller, practice_id=w.practice.pk)
    rows = api.get("/denials").json()
    assert [r["id"] for r in rows] == [w.coding.pk, w.auth.pk]
    auth = rows[1]
    assert (auth["category"], auth["correctable"], auth["appealable"]) == ("authorization", True, True)
    assert (auth["amount"], auth["expected_recovery"], auth["appeal_deadline"]) == (
        "200.00", "80.00", "2026-08-30")
    assert auth["codes"][0] == {"code": "CO-197", "text":
                                "Precertification/authorization/notification/pre-treatment absent."}
    assert auth["recommended_action"].startswith("Compare the claim with the authorization")
    assert [r["id"] for r in api.get("/denials?category=authorization").json()] == [w.auth.pk]
    assert api.get("/denials?category=nonsense").status_code == 422
    one = api.get(f"/denials/{w.auth.pk}")
    assert one.status_code == 200 and one.json()["claim_number"] == w.auth.claim.patient_control_number


def test_assign_and_list_mine(w):
    api = token_api(w.biller, practice_id=w.practice.pk)
    resp = api.post(f"/denials/{w.auth.pk}/assign", {"to_me": True})
    assert resp.status_code == 200 and resp.json()["assigned_to_id"] == w.biller.pk
    assert [r["id"] for r in api.get("/denials?assignee=me").json()] == [w.auth.pk]
    assert [r["id"] for r in api.get("/denials?assignee=none").json()] == [w.coding.pk]
    refused = api.post(f"/denials/{w.auth.pk}/assign", {"user_id": w.coder.pk})
    assert refused.status_code == 422 and "may not work denials" in refused.json()["detail"]


def test_actions_answer_the_outcome_or_the_refusal(w):
    api = token_api(w.biller, practice_id=w.practice.pk)
    refused = api.post(f"/denials/{w.auth.pk}/actions", {"action": "to_patient"})
    assert refused.status_code == 422
    assert "may not be billed to the patient" in refused.json()["detail"]
    missing = api.post(f"/denials/{w.coding.pk}/actions", {"action": "correct"})
    assert missing.status_code == 422 and "needs a reason" in missing.json()["detail"]
    done = api.post(f"/denials/{w.coding.pk}/actions", {"action": "correct", "reason": "add HO"})
    assert done.status_code == 200
    body = done.json()
    assert body["denial"]["status"] == "resolved" and body["denial"]["resolution"] == "corrected"
    assert m.Claim.unscoped.get(pk=body["claim_id"]).frequency_code == "7"
    m.Denial.unscoped.filter(pk=w.auth.pk).update(appeal_deadline="2020-01-31")
    late = api.post(f"/denials/{w.auth.pk}/actions", {"action": "appeal"})
    assert late.status_code == 422 and "deadline 2020-01-31 passed" in late.json()["detail"]
    appeal = api.post(f"/denials/{w.auth.pk}/actions", {"action": "appeal", "late_ok": True,
                                                        "late_reason": "payer notice arrived late"})
    assert appeal.status_code == 200 and appeal.json()["appeal_id"]
    assert appeal.json()["denial"]["status"] == "in_progress"


def test_write_off_approval_needs_a_second_user_with_the_right(w):
    biller = token_api(w.biller, practice_id=w.practice.pk)
    made = biller.post(f"/denials/{w.auth.pk}/actions",
                       {"action": "write_off", "reason": "no auth possible", "amount": "150.00",
                        "kind": "appeal_lost"})
    wo_id = made.json()["write_off_id"]
    assert made.status_code == 200 and wo_id
    assert biller.get("/writeoffs").status_code == 403
    assert biller.post(f"/writeoffs/{wo_id}/approve", {}).status_code == 403
    admin = token_api(w.admin, practice_id=w.practice.pk)
    listed = admin.get("/writeoffs").json()
    assert [(r["id"], r["amount"], r["kind"], r["reason"]) for r in listed] == [
        (wo_id, "150.00", "appeal_lost", "no auth possible")]
    approved = admin.post(f"/writeoffs/{wo_id}/approve", {"note": "ok"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    entry = m.JournalEntry.unscoped.get(pk=approved.json()["entry_id"])
    assert entry.entry_key == f"writeoff:{wo_id}"
    assert account_balances(w.practice.pk)["4200"] == D("150.00")
    again = admin.post(f"/writeoffs/{wo_id}/reject", {})
    assert again.status_code == 422 and "already approved" in again.json()["detail"]


def test_the_requester_cannot_approve_through_the_api(w):
    admin = token_api(w.admin, practice_id=w.practice.pk)
    wo_id = admin.post(f"/denials/{w.auth.pk}/actions",
                       {"action": "write_off", "reason": "x"}).json()["write_off_id"]
    resp = admin.post(f"/writeoffs/{wo_id}/approve", {})
    assert resp.status_code == 422 and "a different user must approve" in resp.json()["detail"]


@pytest.mark.parametrize("path", ["/denials", "/denials/{auth}"])
def test_roles_without_work_denials_are_refused(w, path):
    api = token_api(w.auditor, practice_id=w.practice.pk)
    assert api.get(path.format(auth=w.auth.pk)).status_code == 403
    assert api.post(f"/denials/{w.auth.pk}/actions", {"action": "appeal"}).status_code == 403
