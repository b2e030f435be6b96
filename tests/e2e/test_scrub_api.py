"""/api/v1/claims/{id}/scrub, /findings and /overrides: roles, reasons, audit, the answer."""

from __future__ import annotations

import pytest

from bhbilling.app import models as m
from tests.e2e.apiclient import token_api
from tests.e2e.scrub_world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch):
    return make_world(tenant, monkeypatch)


def test_findings_before_and_after_a_scrub(world):
    biller = token_api(world.biller, practice_id=world.tenant.a.pk)
    before = biller.get(f"/claims/{world.late.pk}/findings").json()
    assert (before["ran_at"], before["ready"], before["findings"]) == (None, None, [])
    body = biller.post(f"/claims/{world.late.pk}/scrub", {}).json()
    assert (body["ready"], body["clean"], body["pack"]) == (False, False, "bh-core")
    [finding] = body["findings"]
    assert (finding["rule"], finding["severity"], finding["line"]) == ("TF-001", "error", None)
    assert finding["fix"] and finding["reference"].startswith("BH reference §8.1")
    again = biller.get(f"/claims/{world.late.pk}/findings").json()
    assert again["findings"] == body["findings"] and again["ran_at"] is not None
    assert m.AuditEvent.objects.filter(object_type="claim", object_id=str(world.late.pk), action="read",
                                       detail__view="findings").count() == 2


def test_read_only_roles_read_but_never_scrub_or_override(world):
    auditor = token_api(world.auditor, practice_id=world.tenant.a.pk)
    assert auditor.get(f"/claims/{world.clean.pk}/findings").status_code == 200
    assert auditor.post(f"/claims/{world.clean.pk}/scrub", {}).status_code == 403
    override = {"rule_id": "TF-001", "reason": "proof of timely filing"}
    assert auditor.post(f"/claims/{world.late.pk}/overrides", override).status_code == 403
    biller = token_api(world.biller, practice_id=world.tenant.a.pk)  # no OVERRIDE_FINDINGS
    assert biller.post(f"/claims/{world.late.pk}/overrides", override).status_code == 403
    assert m.FindingOverride.unscoped.count() == 0


def test_override_needs_a_reason_and_a_listed_finding_then_unblocks(world):
    coder = token_api(world.coder, practice_id=world.tenant.a.pk)
    url = f"/claims/{world.late.pk}/overrides"
    assert coder.post(url, {"rule_id": "TF-001", "reason": ""}).status_code == 422
    wrong = coder.post(url, {"rule_id": "DUP-001", "reason": "not a duplicate"})
    assert wrong.status_code == 422 and "no DUP-001 finding" in wrong.json()["detail"]
    body = coder.post(url, {"rule_id": "TF-001", "reason": "999 accepted 2026-05-01, batch 7"}).json()
    assert (body["ready"], body["clean"]) == (True, False)
    assert body["findings"][0]["overridden"] is True
    [row] = body["overrides"]
    assert (row["rule_id"], row["line"], row["created_by"]) == ("TF-001", None, world.coder.username)
    biller = token_api(world.biller, practice_id=world.tenant.a.pk)
    ready = biller.post("/claims/ready", {}).json()
    assert sorted(ready["ready"]) == sorted([world.clean.patient_control_number,
                                             world.late.patient_control_number])
