"""Overriding a scrubber finding: a user with OVERRIDE_FINDINGS accepts it, with a reason.

Rules (issue 9: "a user with the right role may override a finding with a reason;
overrides are audited"):
- only a role holding ``Permission.OVERRIDE_FINDINGS`` in the claim's practice (coders,
  practice and company administrators) may override; the entry points check it too;
- a reason is required (what the user knows that the rule could not see, e.g. "payer
  confirmed by phone, ref 1234"); it is kept on the ``FindingOverride`` row, never copied
  into the audit trail, which holds ids and the rule only (no PHI);
- the finding must be on the claim's latest scrub (the rule, on that line, or on any line
  when the line is left empty); it only changes what blocks a claim not sent yet, but a
  claim in any state may carry one (e.g. accepted before a rejected claim is resent);
- the claim is scrubbed again at once, so its current run shows the finding overridden;
  an overridden error no longer blocks ``prepare_claims``.
Revoking sets ``revoked_at``; the row stays, so the history shows who accepted what, when.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.models import Claim, FindingOverride, ScrubRun
from bhbilling.app.scrubbing import service
from bhbilling.app.scrubbing.service import latest_run, scrub_claims
from bhbilling.app.tenancy.access import access_for
from bhbilling.domain.access import Permission
from bhbilling.kernel.clock import Clock
from bhbilling.kernel.errors import BhBillingError

__all__ = ["OverrideRefused", "add_override", "may_override", "revoke_override"]

REASON_MAX = FindingOverride._meta.get_field("reason").max_length


class OverrideRefused(BhBillingError):
    """The override cannot be recorded; the message says why (role, reason, finding, state)."""

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.forbidden = forbidden


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def may_override(user: Any, claim: Claim) -> bool:
    access = access_for(user) if _user(user) else None
    return access is not None and access.can(Permission.OVERRIDE_FINDINGS, claim.practice_id)


def _check(claim: Claim, rule_id: str, line: int | None, run: ScrubRun | None) -> None:
    findings = run.findings if run is not None else []
    if not any(f.get("rule") == rule_id and (line is None or f.get("line") == line) for f in findings):
        where = f" on line {line}" if line is not None else ""
        raise OverrideRefused(f"claim {claim.patient_control_number} has no {rule_id} finding{where} on its "
                              "latest scrub; scrub it again and override a finding it lists")


@transaction.atomic
def add_override(claim: Claim, rule_id: str, line: int | None, reason: str, *, user: Any,
                 clock: Clock | None = None) -> tuple[FindingOverride, ScrubRun]:
    """Record the override, audit it, re-scrub the claim; returns the row and the new run."""
    if not may_override(user, claim):
        raise OverrideRefused(f"your role does not allow: {Permission.OVERRIDE_FINDINGS.label}",
                              forbidden=True)
    reason = " ".join((reason or "").split())
    if not reason:
        raise OverrideRefused("a reason is required: say what makes this finding acceptable")
    if len(reason) > REASON_MAX:
        raise OverrideRefused(f"the reason is {len(reason)} characters; at most {REASON_MAX}")
    rule_id = (rule_id or "").strip().upper()
    if line is not None and line < 1:
        raise OverrideRefused("line: a claim line number (1 or more), or empty for every line")
    clock = clock or service.CLOCK
    run = latest_run(claim)
    if run is None:
        scrub_claims([claim.pk], actor=user, clock=clock)
        run = latest_run(claim)
    _check(claim, rule_id, line, run)
    row = FindingOverride.objects.create(practice_id=claim.practice_id, claim=claim, rule_id=rule_id,
                                         line=line, reason=reason, created_by=_user(user),
                                         created_at=clock.now())
    audit.record("create", row, actor=user, patient_id=claim.patient_id,
                 detail={"rule": rule_id, "line": line, "claim": claim.pk})
    scrub_claims([claim.pk], actor=user, clock=clock)
    return row, latest_run(claim)


@transaction.atomic
def revoke_override(row: FindingOverride, *, user: Any, clock: Clock | None = None) -> FindingOverride:
    """End an override (the finding blocks again on the next scrub); the row is kept."""
    claim = row.claim
    if not may_override(user, claim):
        raise OverrideRefused(f"your role does not allow: {Permission.OVERRIDE_FINDINGS.label}",
                              forbidden=True)
    if row.revoked_at is None:
        row.revoked_at = (clock or service.CLOCK).now()
        row.save(update_fields=["revoked_at"])
        audit.record("update", row, actor=user, patient_id=claim.patient_id,
                     detail={"rule": row.rule_id, "line": row.line, "revoked": True})
        scrub_claims([claim.pk], actor=user, clock=clock)
    return row
