"""Appeals in the web UI: start from a denied claim, letter page and PDF, send with the
enclosure checklist, record a loss, start the next level; list with reminder highlight."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.denialworld import denied, make_world
from tests.e2e.browser import sign_in
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.id, tenant.a.id):
        world = make_world(tenant, monkeypatch)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    world.auditor = b.user(tenant.company, "auditor", tenant.a)
    return world


def _denial(w, days_left: int = 30) -> m.Denial:
    with scoped_to(w.tenant.company.id, w.practice.id):
        denial = denied(w, (("CO", "50", "200"),))
    m.Denial.unscoped.filter(pk=denial.pk).update(
        category="medical_necessity",
        appeal_deadline=timezone.localdate() + dt.timedelta(days=days_left))
    return denial


def test_start_send_lose_and_go_to_the_next_level(w, client):
    denial = _denial(w)
    sign_in(client, w.biller)
    claim_page = client.get(f"/claims/{denial.claim_id}/").content.decode()
    assert "Start appeal" in claim_page
    assert f'action="/appeals/start/{denial.pk}/"' in claim_page
    response = client.post(f"/appeals/start/{denial.pk}/", follow=True)
    appeal = m.Appeal.unscoped.get(denial=denial)
    assert response.redirect_chain[-1][0] == f"/appeals/{appeal.pk}/"
    page = response.content.decode()
    assert f"Appeal {appeal.pk} drafted" in page
    assert "First-Level Provider Appeal: medical necessity" in page
    assert "30 days left" in page
    assert 'name="enclosure"' in page and "Treatment plan summary" in page

    pdf = client.get(f"/appeals/{appeal.pk}/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert ink_share(pdf.content) > 0.01
    assert denial.claim.patient_control_number in pdf_text(pdf.content)

    refused = client.post(f"/appeals/{appeal.pk}/sent/", {"enclosure": ["0"]}, follow=True)
    assert "Tick each enclosure before marking the appeal sent" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "draft"
    every = [str(i) for i in range(len(appeal.attachments))]
    sent = client.post(f"/appeals/{appeal.pk}/sent/", {"enclosure": every}, follow=True)
    assert "marked sent; the claim is now appealed" in sent.content.decode()
    assert m.Claim.unscoped.get(pk=denial.claim_id).state == "appealed"

    today = timezone.localdate()
    lost = client.post(f"/appeals/{appeal.pk}/decision/", {
        "outcome": "lost", "decided_on": today.isoformat(), "recovered": ""}, follow=True)
    text = lost.content.decode()
    offer = today + dt.timedelta(days=60)
    assert f"Next: Second-Level Provider Appeal by {offer:%m/%d/%Y}." in text
    assert 'id="next-level"' in text
    assert m.Claim.unscoped.get(pk=denial.claim_id).state == "denied"
    nxt = client.post(f"/appeals/{appeal.pk}/next/", follow=True)
    second = m.Appeal.unscoped.get(denial=denial, level=2)
    assert nxt.redirect_chain[-1][0] == f"/appeals/{second.pk}/"
    assert "Second-Level Provider Appeal" in nxt.content.decode()


def test_list_highlights_reminders_and_shows_days_left(w, client):
    soon, later = _denial(w, days_left=5), _denial(w, days_left=40)
    sign_in(client, w.biller)
    for d in (soon, later):
        client.post(f"/appeals/start/{d.pk}/")
    page = client.get("/appeals/").content.decode()
    soon_appeal = m.Appeal.unscoped.get(denial=soon)
    later_appeal = m.Appeal.unscoped.get(denial=later)
    assert f'<tr class="reminder-due" data-appeal="{soon_appeal.pk}">' in page
    assert f'<tr data-appeal="{later_appeal.pk}">' in page
    assert '1 reminder due' in page
    assert page.index(f'data-appeal="{soon_appeal.pk}"') < page.index(f'data-appeal="{later_appeal.pk}"')
    assert '>Appeals</a>' in page  # nav entry


def test_passed_deadline_is_refused_with_the_reason_on_the_claim_page(w, client):
    denial = _denial(w, days_left=-3)
    sign_in(client, w.biller)
    response = client.post(f"/appeals/start/{denial.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/claims/{denial.claim_id}/"
    assert "passed 3 day(s) ago" in response.content.decode()
    assert not m.Appeal.unscoped.filter(denial=denial).exists()


def test_auditor_reads_but_cannot_act(w, client):
    denial = _denial(w)
    sign_in(client, w.biller)
    client.post(f"/appeals/start/{denial.pk}/")
    appeal = m.Appeal.unscoped.get(denial=denial)
    client.logout()
    sign_in(client, w.auditor)
    assert client.get(f"/appeals/{appeal.pk}/").status_code == 200
    assert client.get(f"/appeals/{appeal.pk}/letter.pdf").status_code == 403
    assert client.post(f"/appeals/{appeal.pk}/sent/", {"enclosure": ["0"]}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "draft"


def test_other_practices_appeal_is_404(w, client, tenant):
    denial = _denial(w)
    sign_in(client, w.biller)
    client.post(f"/appeals/start/{denial.pk}/")
    appeal = m.Appeal.unscoped.get(denial=denial)
    other = b.user(tenant.company, "biller", tenant.b)
    client.logout()
    sign_in(client, other)
    assert client.get(f"/appeals/{appeal.pk}/").status_code == 404
    assert client.get(f"/appeals/{appeal.pk}/letter.pdf").status_code == 404
    assert client.post(f"/appeals/start/{denial.pk}/").status_code == 404
    assert f'data-appeal="{appeal.pk}"' not in client.get("/appeals/").content.decode()
