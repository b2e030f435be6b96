"""Patient billing over the JSON API: ledger, payments with their refusals, statements."""

from __future__ import annotations

import pytest

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.e2e.apiclient import token_api
from tests.integration.patient_billing.world import make_world, new_patient, owes
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = make_world(tenant, monkeypatch)
        w.patient = new_patient(w)
        w.claim = owes(w, w.patient, "50.00")
    w.admin = b.user(tenant.company, "practice_admin", tenant.a)
    w.auditor = b.user(tenant.company, "auditor", tenant.a)
    return w


def test_payments_and_ledger(world):
    api = token_api(world.admin, practice_id=world.practice.pk)
    url = f"/patients/{world.patient.pk}/payments"
    card = api.post(url, {"amount": "10.00", "method": "card", "reference": "5555555555554444",
                          "received_on": "2026-06-10"})
    assert card.status_code == 422
    assert "reference: looks like a full card number" in card.json()["detail"]
    paid = api.post(url, {"amount": "60.00", "method": "check", "reference": "88",
                          "received_on": "2026-06-10", "claim_id": world.claim.pk})
    assert paid.status_code == 200, paid.content
    body = paid.json()
    assert (body["kind"], body["amount"], body["patient_balance"]) == ("payment", "60.00", "-10.00")
    assert body["entry_key"] == f"patient-payment:{body['id']}"
    over = api.post(url, {"kind": "refund", "amount": "10.01", "method": "check",
                          "received_on": "2026-06-11"})
    assert over.status_code == 422 and "at most the credit balance of $10.00" in over.json()["detail"]
    refund = api.post(url, {"kind": "refund", "amount": "10.00", "method": "check",
                            "reference": "5001", "received_on": "2026-06-11"})
    assert refund.json()["patient_balance"] == "0.00"
    ledger = api.get(f"/patients/{world.patient.pk}/ledger").json()
    assert [r["amount"] for r in ledger["rows"]] == ["50.00", "-60.00", "10.00"]
    assert [r["balance"] for r in ledger["rows"]] == ["50.00", "-10.00", "0.00"]
    assert ledger["balance"] == "0.00"
    assert ledger["rows"][2]["description"].startswith("Refund paid to you, check 5001")


def test_statements_run_list_pdf_and_sent(world):
    api = token_api(world.admin, practice_id=world.practice.pk)
    run = api.post("/statements/run", {"run_date": "2026-07-01"})
    assert run.status_code == 200, run.content
    body = run.json()
    [ready] = body["ready"]
    assert (ready["balance"], ready["amount_due"], ready["due_on"], ready["status"]) == (
        "50.00", "50.00", "2026-07-22", "ready")
    listed = api.get("/statements?status=ready").json()
    assert [s["id"] for s in listed["items"]] == [ready["id"]]
    detail = api.get(f"/statements/{ready['id']}").json()
    assert detail["snapshot"]["lines"][0]["you_owe"] == "50.00"
    pdf = api.get(f"/statements/{ready['id']}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "$50.00" in pdf_text(pdf.content) and ink_share(pdf.content) > 0.01
    sent = api.post(f"/statements/{ready['id']}/sent", {"sent_on": "2026-06-30"})
    assert sent.status_code == 422 and "sent on: expected 07/01/2026" in sent.json()["detail"]
    sent = api.post(f"/statements/{ready['id']}/sent", {"sent_on": "2026-07-01"})
    assert sent.json()["status"] == "sent"


def test_read_only_roles_read_but_cannot_post_money(world):
    api = token_api(world.auditor, practice_id=world.practice.pk)
    assert api.get(f"/patients/{world.patient.pk}/ledger").status_code == 200
    assert api.post(f"/patients/{world.patient.pk}/payments",
                    {"amount": "5.00", "method": "cash"}).status_code == 403
    assert api.post("/statements/run", {}).status_code == 403
    assert not m.PatientPayment.unscoped.exists()
