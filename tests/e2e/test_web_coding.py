"""The "Proposed coding" panel on the session page: lines, reasons, accept and change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bhbilling.app.models import CodingDecision
from tests import builders as b
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant):
    w = type("World", (), {})()
    w.tenant = tenant
    w.session = b.session(b.patient(tenant.a), b.provider(tenant.a))
    w.other = b.session(b.patient(tenant.b), b.provider(tenant.b))
    w.coder = b.user(tenant.company, "coder", tenant.a)
    return w


def _signed_in(client, user):
    sign_in(client, user)
    return client


def test_panel_shows_lines_and_reasons_without_writing(client, world):
    page = _signed_in(client, world.coder).get(reverse("web:session", args=[world.session.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Proposed coding" in html
    assert "90837" in html
    assert page.context["proposal"]["reasons"][0]["rule"] in html
    assert "Accept proposed lines" in html and "Change the lines" in html
    assert CodingDecision.unscoped.count() == 0


def test_change_without_reason_is_refused_then_saved_with_reason(client, world):
    c = _signed_in(client, world.coder)
    url = reverse("web:session_coding_decide", args=[world.session.pk])
    form = {"action": "change", "line_count": "2", "code_0": "90834", "modifiers_0": "",
            "units_0": "1", "pos_0": "11", "pointers_0": "1", "code_1": ""}
    refused = c.post(url, {**form, "reason": ""})
    assert refused.status_code == 422
    assert "Say why" in refused.content.decode()
    assert CodingDecision.unscoped.filter(status="changed").count() == 0

    done = c.post(url, {**form, "reason": "note supports 45 minutes"})
    assert done.status_code == 302 and done["Location"] == reverse("web:session",
                                                                    args=[world.session.pk])
    decision = CodingDecision.unscoped.get(status="changed")
    assert decision.decided_by == world.coder
    assert decision.final[0]["code"] == "90834"
    page = c.get(reverse("web:session", args=[world.session.pk])).content.decode()
    assert "note supports 45 minutes" in page and world.coder.username in page


def test_accept_over_htmx_returns_the_panel(client, world):
    c = _signed_in(client, world.coder)
    resp = c.post(reverse("web:session_coding_decide", args=[world.session.pk]),
                  {"action": "accept"}, headers={"HX-Request": "true"})
    assert resp.status_code == 200
    assert 'id="coding-panel"' in resp.content.decode()
    assert CodingDecision.unscoped.filter(status="accepted", decided_by=world.coder).count() == 1


def test_read_only_role_sees_no_buttons_and_cannot_post(client, world):
    c = _signed_in(client, b.user(world.tenant.company, "auditor", world.tenant.a))
    page = c.get(reverse("web:session", args=[world.session.pk])).content.decode()
    assert "Proposed coding" in page and "Accept proposed lines" not in page
    resp = c.post(reverse("web:session_coding_propose", args=[world.session.pk]))
    assert resp.status_code == 403
    assert CodingDecision.unscoped.count() == 0


def test_other_practice_session_is_404(client, world):
    c = _signed_in(client, world.coder)
    resp = c.post(reverse("web:session_coding_propose", args=[world.other.pk]))
    assert resp.status_code == 404
    assert CodingDecision.unscoped.count() == 0
