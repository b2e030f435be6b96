"""The claim page lists the scrubber's findings with fix hints; scrub and override forms."""

from __future__ import annotations

import pytest

from bhbilling.app import models as m
from tests.e2e.browser import sign_in
from tests.e2e.scrub_world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch):
    return make_world(tenant, monkeypatch)


def test_checking_readiness_shows_what_blocks_a_claim_and_how_to_fix_it(world, client):
    sign_in(client, world.biller)
    page = client.get(f"/claims/{world.late.pk}/").content.decode()
    assert "Not scrubbed yet" in page and "Scrub now" in page
    assert client.post("/claims/ready/").status_code == 302
    page = client.get(f"/claims/{world.late.pk}/").content.decode()
    assert 'id="scrub-verdict">Blocked' in page and "TF-001" in page
    assert "filing limit 180 days from 2026-03-02 ended 2026-08-29" in page
    assert "submit only with proof of timely filing" in page  # the fix hint
    assert 'name="reason"' not in page  # billers do not hold OVERRIDE_FINDINGS
    clean = client.get(f"/claims/{world.clean.pk}/").content.decode()
    assert 'id="scrub-verdict">Ready to send' in clean and "No findings" in clean


def test_scrub_button_stores_a_run(world, client):
    sign_in(client, world.biller)
    response = client.post(f"/claims/{world.clean.pk}/scrub/", follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/claims/{world.clean.pk}/#findings")
    assert "Scrubbed: ready to send; 0 warning(s)." in response.content.decode()
    assert m.ScrubRun.unscoped.filter(claim=world.clean).count() == 1


def test_coder_overrides_a_finding_with_a_reason(world, client):
    sign_in(client, world.coder)
    client.post(f"/claims/{world.late.pk}/scrub/")
    page = client.get(f"/claims/{world.late.pk}/").content.decode()
    assert 'name="reason"' in page and 'name="rule_id" value="TF-001"' in page
    refused = client.post(f"/claims/{world.late.pk}/overrides/", {"rule_id": "TF-001", "line": "",
                                                                  "reason": " "}, follow=True)
    assert "Not overridden: a reason is required" in refused.content.decode()
    done = client.post(f"/claims/{world.late.pk}/overrides/", {
        "rule_id": "TF-001", "line": "", "reason": "payer extended the limit, letter on file"},
        follow=True).content.decode()
    assert "TF-001 overridden; the claim is ready to send." in done
    assert "overridden error" in done and "payer extended the limit, letter on file" in done
    assert 'id="scrub-verdict">Ready to send' in done


def test_auditor_sees_findings_but_cannot_act(world, client):
    sign_in(client, world.biller)
    client.post(f"/claims/{world.late.pk}/scrub/")
    client.logout()
    sign_in(client, world.auditor)
    page = client.get(f"/claims/{world.late.pk}/").content.decode()
    assert "TF-001" in page and "Scrub now" not in page and 'name="reason"' not in page
    assert client.post(f"/claims/{world.late.pk}/scrub/").status_code == 403
    assert client.post(f"/claims/{world.late.pk}/overrides/", {
        "rule_id": "TF-001", "reason": "x"}).status_code == 403
