"""Decide which draft claims may be sent: a claim is ready only when nothing blocks it.

Two gates, in order:
1. the 837P can carry it: every loop the implementation guide requires can be filled
   (``app.submission.mapping`` raises a ``ClaimMappingError`` naming the missing field);
2. the scrubber finds no error (``app.scrubbing``), unless a user with the right role
   overrode that finding with a reason.
A blocked claim stays a draft (state ``scrubbed``) with its findings kept for the biller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bhbilling.app.claims.states import move_many
from bhbilling.app.models import Claim, ClaimState
from bhbilling.app.submission.mapping import ClaimMappingError, to_x12_claim
from bhbilling.kernel.errors import BhBillingError

__all__ = ["ReadySummary", "claims_to_check", "prepare_claims", "register_gate"]

#: extra gates (the scrubber registers one): claims -> {claim id: [blocking messages]}
_GATES: list[Callable[[Sequence[Claim], Any], dict[int, list[str]]]] = []


def register_gate(gate: Callable[[Sequence[Claim], Any], dict[int, list[str]]]) -> None:
    if gate not in _GATES:
        _GATES.append(gate)


@dataclass(slots=True)
class ReadySummary:
    ready: list[Claim] = field(default_factory=list)
    blocked: dict[str, list[str]] = field(default_factory=dict)  # PCN -> reasons


def claims_to_check(practice_id: int):
    return (Claim.objects.filter(practice_id=practice_id,
                                 state__in=[ClaimState.DRAFT, ClaimState.SCRUBBED])
            .select_related("payer", "coverage", "patient", "rendering_provider__supervisor",
                            "session__location", "practice", "original_claim")
            .prefetch_related("lines").order_by("id"))


def prepare_claims(claims: Iterable[Claim], *, actor: Any = None) -> ReadySummary:
    """Run the gates; move passing claims to ready and blocked ones to scrubbed."""
    rows = list(claims)
    summary = ReadySummary()
    problems: dict[int, list[str]] = {}
    for claim in rows:
        try:
            to_x12_claim(claim)
        except (ClaimMappingError, BhBillingError) as exc:
            problems.setdefault(claim.pk, []).append(str(exc))
    for gate in _GATES:
        for claim_id, msgs in gate(rows, actor).items():
            if msgs:
                problems.setdefault(claim_id, []).extend(msgs)
    ready = [c for c in rows if c.pk not in problems]
    blocked = [c for c in rows if c.pk in problems]
    if ready:
        move_many(ready, ClaimState.READY, actor=actor, reason="no blocking findings")
    to_scrubbed = [c for c in blocked if c.state != ClaimState.SCRUBBED]
    if to_scrubbed:
        move_many(to_scrubbed, ClaimState.SCRUBBED, actor=actor, reason="blocked by findings")
    summary.ready = ready
    summary.blocked = {c.patient_control_number: problems[c.pk] for c in blocked}
    return summary
