"""/api/v1/claims/{id}/scrub, /findings, /overrides: the scrubber's answer on one claim.

- POST .../scrub runs the rule pack now and stores the run (EDIT_CLAIMS); the answer is the
  run: ready, clean, and each finding with its rule, severity, message, fix hint and
  reference (docs/scrubbing.md "Result JSON").
- GET .../findings answers the latest stored run (null fields when never scrubbed) and the
  overrides in force; reading needs VIEW_PHI and is audited.
- POST .../overrides {rule_id, line, reason} accepts one finding (OVERRIDE_FINDINGS): the
  reason is required, the finding must be on the latest run, the claim is scrubbed again
  and the new run is answered. 403 for a role without the permission, 422 otherwise.
Claims are looked up through the practice-scoped manager: another tenant's id is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app.models import Claim, FindingOverride
from bhbilling.app.scrubbing.overrides import OverrideRefused, add_override
from bhbilling.app.scrubbing.service import latest_run, scrub_claims
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require

router = Router(tags=["scrubbing"])


class FindingOut(Schema):
    rule: str
    category: str
    severity: str = Field(description="error blocks submission; warning does not")
    message: str
    fix: str
    reference: str
    line: int | None = Field(None, description="1-based service line (LX01); null = the claim")
    element: str = ""
    overridden: bool = False


class OverrideOut(Schema):
    id: int
    rule_id: str
    line: int | None
    reason: str
    created_by: str | None
    created_at: dt.datetime

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.get_username() if obj.created_by_id else None


class RunOut(Schema):
    claim_id: int
    patient_control_number: str
    state: str
    pack: str | None = None
    pack_version: str | None = None
    ran_at: dt.datetime | None = None
    ready: bool | None = None
    clean: bool | None = None
    findings: list[FindingOut] = []
    overrides: list[OverrideOut] = []


class OverrideIn(Schema):
    rule_id: str = Field(min_length=1, max_length=40, description="e.g. TF-001")
    line: int | None = Field(None, ge=1, description="claim line number; null = every line")
    reason: str = Field(min_length=1, max_length=300, description="why the finding is acceptable")


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.all(), pk=claim_id)


def _answer(claim: Claim) -> dict:
    run = latest_run(claim)
    claim.refresh_from_db(fields=["state"])
    out = {"claim_id": claim.pk, "patient_control_number": claim.patient_control_number,
           "state": claim.state, "findings": [],
           "overrides": list(FindingOverride.objects.filter(claim=claim, revoked_at__isnull=True)
                             .select_related("created_by").order_by("id"))}
    if run is not None:
        out.update(pack=run.pack, pack_version=run.pack_version, ran_at=run.ran_at, ready=run.ready,
                   clean=run.clean, findings=run.findings)
    return out


@router.post("/{int:claim_id}/scrub", response=RunOut)
def scrub_now(request: HttpRequest, claim_id: int):
    require(request, Permission.EDIT_CLAIMS)
    claim = _claim(claim_id)
    scrub_claims([claim.pk], actor=actor(request))
    return _answer(claim)


@router.get("/{int:claim_id}/findings", response=RunOut)
def findings(request: HttpRequest, claim_id: int):
    require(request, Permission.VIEW_PHI)
    claim = _claim(claim_id)
    audit.record("read", claim, actor=actor(request), patient_id=claim.patient_id,
                 detail={"view": "findings"})
    return _answer(claim)


@router.post("/{int:claim_id}/overrides", response=RunOut)
def override(request: HttpRequest, claim_id: int, payload: OverrideIn):
    require(request, Permission.OVERRIDE_FINDINGS)
    claim = _claim(claim_id)
    try:
        add_override(claim, payload.rule_id, payload.line, payload.reason, user=actor(request))
    except OverrideRefused as exc:
        raise HttpError(403 if exc.forbidden else 422, str(exc)) from None
    return _answer(claim)
