"""/api/v1/ar and /api/v1/claims/{id}/notes from a script: aging that equals the ledger and
drill-downs that equal cells, the follow-up list, notes, and the practice limits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api
from tests.e2e.ar_world import ar_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return ar_world(tenant, monkeypatch)


def _ledger(*practices):
    total = Decimal(0)
    for p in practices:
        bal = account_balances(p.pk)
        total += bal.get("1100", Decimal(0)) + bal.get("1200", Decimal(0))
    return total


def test_aging_totals_and_every_cell_drill_down(world):
    api = token_api(b.user(world.tenant.company, "biller", world.practice), practice_id=world.practice.pk)
    for group in ("payer", "provider", "practice"):
        for basis in ("dos", "submission"):
            resp = api.get(f"/ar/aging?basis={basis}&group={group}")
            assert resp.status_code == 200, resp.content
            body = resp.json()
            assert Decimal(body["totals"]["total"]["amount"]) == Decimal(body["ledger_total"]) \
                == _ledger(world.practice) == Decimal("670.00")
            assert body["practice_ids"] == [world.practice.pk]
            for row in body["rows"]:
                for col, cell in row["cells"].items():
                    found = api.get(f"/ar/aging/claims?basis={basis}&group={group}&row={row['key']}"
                                    f"&col={col}").json()
                    assert Decimal(found["total"]) == Decimal(cell["amount"])
                    assert len(found["claims"]) == cell["claims"]
    by_payer = api.get("/ar/aging").json()
    labels = {r["label"]: r["total"] for r in by_payer["rows"]}
    assert labels["Patient responsibility"] == {"amount": "20.00", "insurance": "0.00", "patient": "20.00",
                                                "claims": 1}
    assert labels["Acme Health"]["insurance"] == "200.00"  # the paid claim owes it nothing


def test_bad_parameters_name_the_field(world):
    api = token_api(b.user(world.tenant.company, "biller", world.practice), practice_id=world.practice.pk)
    assert "basis: expected dos or submission" in api.get("/ar/aging?basis=x").json()["detail"]
    assert "group: expected payer" in api.get("/ar/aging?group=x").json()["detail"]
    assert "row: expected an id" in api.get("/ar/aging/claims?row=x").json()["detail"]
    assert "col: expected one of" in api.get("/ar/aging/claims?row=none&col=x").json()["detail"]


def test_practice_limits(world):
    biller_a = token_api(b.user(world.tenant.company, "biller", world.practice),
                         practice_id=world.practice.pk)
    assert biller_a.get(f"/ar/aging?practice={world.tenant.b.pk}").status_code == 403
    assert biller_a.get(f"/ar/follow-up?practice={world.tenant.b.pk}").status_code == 403
    mine = biller_a.get("/ar/follow-up?practice=all").json()
    assert {i["claim_id"] for i in mine} == {world.waiting.pk, world.denied.pk}
    assert biller_a.post("/ar/follow-up/inquiries", {"claim_ids": [world.other.pk]}).status_code == 404
    admin = session_api(b.user(world.tenant.company, "company_admin"), practice_id=world.practice.pk)
    both = admin.get("/ar/aging?group=practice&practice=all").json()
    assert Decimal(both["totals"]["total"]["amount"]) == _ledger(world.practice, world.tenant.b)
    assert {r["label"] for r in both["rows"]} == {"Practice A", "Practice B"}
    everyone = admin.get("/ar/follow-up?practice=all").json()
    assert world.other.pk in {i["claim_id"] for i in everyone}
    other_company = b.company("Else Billing")
    outsider = token_api(b.user(other_company, "company_admin"))
    assert outsider.get(f"/ar/aging?practice={world.practice.pk}").status_code == 403


def test_follow_up_list_and_notes(world):
    user = b.user(world.tenant.company, "ar_specialist", world.practice)
    api = token_api(user, practice_id=world.practice.pk)
    items = api.get("/ar/follow-up").json()
    assert [(i["claim_id"], i["reasons"], i["insurance_balance"]) for i in items] == [
        (world.waiting.pk, ["no_payment"], "250.00"), (world.denied.pk, ["denied_idle"], "200.00")]
    resp = api.post(f"/claims/{world.denied.pk}/notes", {"text": "Sent records", "action": "appeal sent",
                                                         "next_action_on": "2099-02-01"})
    assert resp.status_code == 200, resp.content
    assert resp.json()["next_action_on"] == "2099-02-01" and resp.json()["author"] == user.get_username()
    assert [i["claim_id"] for i in api.get("/ar/follow-up").json()] == [world.waiting.pk]
    notes = api.get(f"/claims/{world.denied.pk}/notes").json()
    assert [n["text"] for n in notes] == ["Sent records"]
    bad = api.post(f"/claims/{world.denied.pk}/notes", {"text": "x", "next_action_on": "2001-01-01"})
    assert bad.status_code == 422 and "next action date" in bad.json()["detail"]
    assert api.post(f"/claims/{world.other.pk}/notes", {"text": "Hijacked"}).status_code == 404
    assert m.FollowUpNote.unscoped.filter(claim=world.other).count() == 0
    sent = api.post("/ar/follow-up/inquiries", {"claim_ids": [world.waiting.pk]})
    assert sent.status_code == 200, sent.content
    [run] = sent.json()
    assert run["asked"] == [world.waiting.patient_control_number] and run["delivered"]


def test_reading_notes_needs_phi_and_writing_needs_edit_claims(world):
    viewer = token_api(b.user(world.tenant.company, "auditor", world.practice), practice_id=world.practice.pk)
    assert viewer.get(f"/claims/{world.denied.pk}/notes").status_code == 200
    assert viewer.post(f"/claims/{world.denied.pk}/notes", {"text": "no"}).status_code == 403
    assert viewer.post("/ar/follow-up/inquiries", {"claim_ids": [world.waiting.pk]}).status_code == 403
