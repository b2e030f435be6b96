"""Denial workbench and write-off approval through the web pages (Django test client)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.denialworld import denied, make_world
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        world = make_world(tenant, monkeypatch)
        world.auth = denied(world, [("CO", "197", "200")], remarks=("N54",))
        world.coding = denied(world, [("CO", "4", "200")])
    world.biller = b.user(tenant.company, "biller", tenant.a)
    world.admin = b.user(tenant.company, "practice_admin", tenant.a)
    world.auditor = b.user(tenant.company, "auditor", tenant.a)
    return world


_signed_in: dict[int, Client] = {}


def _client(user) -> Client:
    """One signed-in client per user and test: a TOTP code is accepted only once."""
    if user.pk not in _signed_in:
        client = Client()
        sign_in(client, user)
        _signed_in[user.pk] = client
    return _signed_in[user.pk]


@pytest.fixture(autouse=True)
def _fresh_clients():
    _signed_in.clear()
    yield
    _signed_in.clear()


def test_workbench_lists_by_priority_with_codes_action_and_deadline(w):
    page = _client(w.biller).get("/denials/")
    assert page.status_code == 200
    html = page.content.decode()
    # CO-4 (200 x 0.85) before CO-197 (200 x 0.40)
    assert html.index(f'data-denial="{w.coding.pk}"') < html.index(f'data-denial="{w.auth.pk}"')
    assert "CO-197" in html and "N54" in html and "Claim information is inconsistent" in html
    assert "Compare the claim with the authorization" in html
    assert "08/30/2026" in html and "Authorization" in html
    assert 'href="/denials/"' in html  # nav entry
    filtered = _client(w.biller).get("/denials/?category=coding").content.decode()
    assert f'data-denial="{w.coding.pk}"' in filtered and f'data-denial="{w.auth.pk}"' not in filtered


def test_assign_to_me_then_filter_mine(w):
    client = _client(w.biller)
    resp = client.post("/denials/assign/", {"denial": [w.auth.pk], "assignee": "me"})
    assert resp.status_code == 302
    w.auth.refresh_from_db()
    assert w.auth.assigned_to_id == w.biller.pk
    mine = client.get("/denials/?assignee=me").content.decode()
    assert f'data-denial="{w.auth.pk}"' in mine and f'data-denial="{w.coding.pk}"' not in mine


def test_detail_page_and_a_refused_action_shows_the_reason(w):
    client = _client(w.biller)
    page = client.get(f"/denials/{w.auth.pk}/")
    assert page.status_code == 200
    assert "Recommended:" in page.content.decode()
    resp = client.post(f"/denials/{w.auth.pk}/act/", {"action": "to_patient"}, follow=True)
    assert "may not be billed to the patient" in resp.content.decode()
    w.auth.refresh_from_db()
    assert w.auth.status == "open"


def test_write_off_request_then_approval_by_a_second_user(w):
    resp = _client(w.biller).post(f"/denials/{w.auth.pk}/act/", {
        "action": "write_off", "kind": "administrative", "reason": "contract says no auth needed"})
    assert resp.status_code == 302
    wo = m.WriteOff.unscoped.get(denial=w.auth)
    assert wo.status == "pending"
    assert _client(w.biller).get("/writeoffs/").status_code == 403  # biller may not approve
    admin = _client(w.admin)
    queue = admin.get("/writeoffs/").content.decode()
    assert f'data-writeoff="{wo.pk}"' in queue and "contract says no auth needed" in queue
    admin.post(f"/writeoffs/{wo.pk}/decide/", {"decision": "approve"})
    wo.refresh_from_db()
    assert wo.status == "approved"
    assert account_balances(w.practice.pk)["4200"] == D("200.00")


def test_the_requester_sees_no_buttons_and_cannot_approve(w):
    admin = _client(w.admin)
    admin.post(f"/denials/{w.auth.pk}/act/", {"action": "write_off", "reason": "small"})
    wo = m.WriteOff.unscoped.get(denial=w.auth)
    queue = admin.get("/writeoffs/").content.decode()
    assert "your request: another user decides" in queue
    resp = admin.post(f"/writeoffs/{wo.pk}/decide/", {"decision": "approve"}, follow=True)
    assert "a different user must approve" in resp.content.decode()
    wo.refresh_from_db()
    assert wo.status == "pending"


def test_read_only_roles_see_but_cannot_act(w):
    auditor = _client(w.auditor)
    assert auditor.get("/denials/").status_code == 200
    assert auditor.post(f"/denials/{w.auth.pk}/act/", {"action": "appeal"}).status_code == 403
    assert auditor.post("/denials/assign/", {"denial": [w.auth.pk], "assignee": "me"}).status_code == 403


def test_correct_action_redirects_to_the_new_claim(w):
    resp = _client(w.biller).post(f"/denials/{w.coding.pk}/act/",
                                  {"action": "correct", "reason": "add modifier"})
    new = m.Claim.unscoped.get(original_claim=w.coding.claim)
    assert resp.status_code == 302 and resp["Location"] == f"/claims/{new.pk}/"
