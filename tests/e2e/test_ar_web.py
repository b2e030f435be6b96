"""A/R pages as a biller uses them: the aging table and its tabs, every cell's drill-down
adding up to the cell, the company view of all practices, the follow-up list, notes and
276 inquiries from the page, and the tenant and permission limits."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from tests import builders as b
from tests.e2e.ar_world import ar_world
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db
CELL = re.compile(r'<a href="([^"]+)" class="ar-cell" data-amount="([-\d.]+)" data-claims="(\d+)"')
TOTAL = re.compile(r'id="ar-claims-total" data-amount="([-\d.]+)"')
FOOT_TOTAL = re.compile(r'<tr data-row="total">.*?data-col="total" data-amount="([-\d.]+)"', re.S)


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


def _check_drilldowns(client, page: str) -> int:
    cells = CELL.findall(page)
    assert cells, "no clickable cell on the page"
    for href, amount, claims in cells:
        listing = client.get(unescape(href))
        assert listing.status_code == 200, href
        body = listing.content.decode()
        assert TOTAL.search(body).group(1) == amount, href
        assert body.count("<tr data-claim=") == int(claims), href
    return len(cells)


def test_aging_tabs_and_bases_drill_down_to_their_cells(client, world):
    sign_in(client, b.user(world.tenant.company, "biller", world.practice))
    checked = 0
    for group in ("payer", "provider", "practice"):
        for basis in ("dos", "submission"):
            resp = client.get(f"/ar/?group={group}&basis={basis}")
            assert resp.status_code == 200
            page = resp.content.decode()
            assert f'data-group="{group}"' in page and f'data-basis="{basis}"' in page
            assert Decimal(FOOT_TOTAL.search(page).group(1)) == _ledger(world.practice) == Decimal("670.00")
            checked += _check_drilldowns(client, page)
    assert checked > 12
    page = client.get("/ar/").content.decode()
    for name in ("Acme Health", "Second Mutual", "Third Trust", "Patient responsibility"):
        assert name in page
    assert "Practice B" not in page  # only the current practice by default
    assert 'href="/ar/"' in client.get("/claims/").content.decode()  # the nav entry


def test_company_view_of_all_practices(client, world):
    sign_in(client, b.user(world.tenant.company, "company_admin"))
    page = client.get("/ar/?group=practice&practice=all").content.decode()
    assert "Practice A" in page and "Practice B" in page
    assert Decimal(FOOT_TOTAL.search(page).group(1)) == _ledger(world.practice, world.tenant.b)
    _check_drilldowns(client, page)


def test_another_practice_is_refused_and_its_claims_never_listed(client, world):
    sign_in(client, b.user(world.tenant.company, "biller", world.practice))
    assert client.get(f"/ar/?practice={world.tenant.b.pk}").status_code == 403
    assert client.get(f"/ar/claims/?practice={world.tenant.b.pk}&row=none").status_code == 403
    assert client.get("/ar/follow-up/?practice=all").status_code == 200  # all = the ones I may see
    page = client.get("/ar/follow-up/?practice=all").content.decode()
    assert world.other.patient_control_number not in page
    assert client.get(f"/ar/follow-up/{world.other.pk}/notes/").status_code == 404
    resp = client.post(f"/ar/follow-up/{world.other.pk}/notes/", {"text": "Hijacked"})
    assert resp.status_code == 404
    assert not m.FollowUpNote.unscoped.exists()


def test_follow_up_list_note_and_inquiry(client, world):
    biller = b.user(world.tenant.company, "ar_specialist", world.practice)
    sign_in(client, biller)
    page = client.get("/ar/follow-up/").content.decode()
    rows = re.findall(r'<tr data-claim="(\d+)"', page)
    assert rows == [str(world.waiting.pk), str(world.denied.pk)]  # $250 before $200
    assert "No 835 answer" in page and "Denied, no activity" in page and "$250.00" in page
    form = client.get(f"/ar/follow-up/{world.waiting.pk}/notes/", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b"<html" not in form.content
    assert b'name="next_action_on"' in form.content
    resp = client.post(f"/ar/follow-up/{world.waiting.pk}/notes/", {
        "text": "Called: claim in review", "action": "called payer", "next_action_on": "2099-01-15",
        "back": "/ar/follow-up/"})
    assert resp.status_code == 302 and resp["Location"] == "/ar/follow-up/"
    world.waiting.refresh_from_db()
    assert str(world.waiting.follow_up_on) == "2099-01-15"
    page = client.get("/ar/follow-up/").content.decode()
    assert f'<tr data-claim="{world.waiting.pk}"' not in page  # scheduled for later
    bad = client.post(f"/ar/follow-up/{world.denied.pk}/notes/",
                      {"text": "x", "next_action_on": "2001-01-01"}, follow=True)
    assert "next action date: 2001-01-01 is in the past" in bad.content.decode()
    resp = client.post("/ar/follow-up/inquire/", {"claim": [world.waiting.pk]}, follow=True)
    body = resp.content.decode()
    assert "276 " in body and "1 claim(s) asked" in body
    note = m.FollowUpNote.unscoped.filter(claim=world.waiting).order_by("-id").first()
    assert note.action == "status inquiry (276)" and note.author == biller


def test_a_coder_cannot_send_inquiries(client, world):
    sign_in(client, b.user(world.tenant.company, "coder", world.practice))
    resp = client.post("/ar/follow-up/inquire/", {"claim": [world.waiting.pk]})
    assert resp.status_code == 403
    assert not m.FollowUpNote.unscoped.exists()


def test_company_admin_works_another_practices_claim_from_the_all_view(client, world):
    admin = b.user(world.tenant.company, "company_admin")
    sign_in(client, admin)
    m.FollowUpNote.unscoped.create(practice=world.tenant.b, claim=world.other, text="Earlier call",
                                   at=world.other.created_at)
    page = client.get("/ar/follow-up/?practice=all").content.decode()
    assert f'<tr data-claim="{world.other.pk}"' in page and "Practice B" in page
    notes = client.get(f"/ar/follow-up/{world.other.pk}/notes/").content.decode()
    assert "Earlier call" in notes
    resp = client.post("/ar/follow-up/inquire/", {"claim": [world.other.pk, world.waiting.pk],
                                                  "practice": "all"}, follow=True)
    assert "2 claim(s) asked" in resp.content.decode()
    assert m.FollowUpNote.unscoped.filter(action="status inquiry (276)").count() == 2
