"""The readiness gate: a claim with a scrubber error nobody overrode is not ready.

``prepare_claims`` (app.claims.readiness) runs registered gates after the 837P mapping
check; this one scrubs the claims (storing a ``ScrubRun`` each, so the claim page shows
why) and answers, per blocked claim, one line per blocking finding: rule id, line, the
facts the rule saw and the fix hint. Warnings never block. Registered once at start-up
from ``BillingConfig.ready()`` by importing this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bhbilling.app.claims.readiness import register_gate
from bhbilling.app.models import Claim
from bhbilling.app.scrubbing.service import iter_scrub
from bhbilling.domain.scrubbing import Finding

__all__ = ["blocking_message", "scrub_gate"]


def blocking_message(finding: Finding) -> str:
    where = f"line {finding.line}: " if finding.line is not None else ""
    return f"{finding.rule} {where}{finding.message} (fix: {finding.fix})"


def scrub_gate(claims: Sequence[Claim], actor: Any) -> dict[int, list[str]]:
    """{claim id: blocking messages} for the claims the scrubber holds back."""
    ids = [c.pk for c in claims]
    if not ids:
        return {}
    blocked: dict[int, list[str]] = {}
    seen = set()
    for scrubbed in iter_scrub(ids, actor=actor):
        seen.add(scrubbed.claim_pk)
        messages = [blocking_message(f) for f in scrubbed.result.findings if f.blocks]
        if messages:
            blocked[scrubbed.claim_pk] = messages
    for claim_id in set(ids) - seen:  # not visible in the current practice: never pass it unchecked
        blocked[claim_id] = ["SCRUB-SCOPE the claim is not in the current practice; it was not scrubbed"]
    return blocked


register_gate(scrub_gate)
