"""/api/v1/sessions/{id}/coding: proposal, accept, change with reason, permissions, tenancy."""

from __future__ import annotations

import pytest

from bhbilling.app.models import CodingDecision
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant):
    w = type("World", (), {})()
    w.tenant = tenant
    w.provider = b.provider(tenant.a)
    w.patient = b.patient(tenant.a)
    w.session = b.session(w.patient, w.provider)
    w.other = b.session(b.patient(tenant.b), b.provider(tenant.b))
    w.coder = b.user(tenant.company, "coder", tenant.a)
    return w


def test_get_shows_a_proposal_without_storing_it(world):
    resp = token_api(world.coder).get(f"/sessions/{world.session.id}/coding")
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["current"]["id"] is None and body["current"]["status"] == "proposed"
    assert [ln["code"] for ln in body["current"]["proposed"]["lines"]] == ["90837"]
    assert body["current"]["proposed"]["reasons"][0]["rule"]
    assert body["current"]["payer_profile"] == "self-pay"
    assert body["history"] == []
    assert CodingDecision.unscoped.count() == 0


def test_propose_then_accept_then_change(world):
    api = session_api(world.coder)
    proposal = api.post(f"/sessions/{world.session.id}/coding/propose", {})
    assert proposal.status_code == 200, proposal.content
    lines = proposal.json()["proposed"]["lines"]
    accept = api.post(f"/sessions/{world.session.id}/coding/decision", {"lines": lines})
    assert accept.status_code == 200, accept.content
    assert accept.json()["status"] == "accepted"
    assert accept.json()["decided_by"] == world.coder.username

    changed = [{**lines[0], "code": "90834"}]
    refused = api.post(f"/sessions/{world.session.id}/coding/decision", {"lines": changed})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][-1] == "change_reason"
    ok = api.post(f"/sessions/{world.session.id}/coding/decision",
                  {"lines": changed, "reason": "documented 45 minutes"})
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "changed" and ok.json()["final"][0]["code"] == "90834"

    history = api.get(f"/sessions/{world.session.id}/coding").json()["history"]
    assert [d["status"] for d in history] == ["changed", "accepted", "proposed"]
    assert history[0]["change_reason"] == "documented 45 minutes"


@pytest.mark.parametrize("role", ["auditor", "client_viewer"])
def test_read_only_roles_read_but_cannot_decide(world, role):
    api = token_api(b.user(world.tenant.company, role, world.tenant.a))
    assert api.get(f"/sessions/{world.session.id}/coding").status_code == 200
    assert api.post(f"/sessions/{world.session.id}/coding/propose", {}).status_code == 403
    assert api.post(f"/sessions/{world.session.id}/coding/decision",
                    {"lines": [], "reason": "x"}).status_code == 403
    assert CodingDecision.unscoped.count() == 0


def test_other_tenants_session_is_404_and_nothing_is_written(world):
    api = token_api(world.coder)
    assert api.get(f"/sessions/{world.other.id}/coding").status_code == 404
    assert api.post(f"/sessions/{world.other.id}/coding/propose", {}).status_code == 404
    assert api.post(f"/sessions/{world.other.id}/coding/decision",
                    {"lines": [], "reason": "x"}).status_code == 404
    assert CodingDecision.unscoped.count() == 0
