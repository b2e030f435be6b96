"""Which claims need a touch, and in what order: the A/R follow-up rules, pure.

A claim with an open insurance balance needs follow-up when (reference §8, claim status
follow-up; §12 "Aged A/R"):

- it was sent and no 277CA acknowledged it within ``no_ack_days`` (default 5): ask with a
  276 or check the clearinghouse;
- the payer accepted it and no 835 paid or denied it within ``no_payment_days`` (30, a
  common prompt-pay window);
- the biller's next-action date (``Claim.follow_up_on``) has come;
- it was denied and nobody touched it (no state change, no note) for ``denied_idle_days``.

A next-action date in the future means someone already scheduled the next touch: the claim
waits for it, whatever else applies. The list is worked largest dollars first, then oldest
(revenue-cycle practice: the value at stake and the filing clock both fall with age).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["FollowUpRules", "Reason", "priority", "reasons"]

WAITING_ACK = ("submitted", "acknowledged")
WAITING_PAYMENT = ("accepted",)


class Reason(StrEnum):
    NO_ACK = "no_ack"
    NO_PAYMENT = "no_payment"
    NEXT_ACTION = "next_action"
    DENIED_IDLE = "denied_idle"

    @property
    def label(self) -> str:
        return {"no_ack": "No 277CA acknowledgement", "no_payment": "No 835 answer",
                "next_action": "Next-action date reached",
                "denied_idle": "Denied, no activity"}[self.value]


@dataclass(frozen=True, slots=True)
class FollowUpRules:
    no_ack_days: int = 5
    no_payment_days: int = 30
    denied_idle_days: int = 14

    def __post_init__(self) -> None:
        for name in ("no_ack_days", "no_payment_days", "denied_idle_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more days, got {getattr(self, name)}")


def reasons(*, state: str, last_move: dt.date | None, last_activity: dt.date | None,
            follow_up_on: dt.date | None, today: dt.date, rules: FollowUpRules) -> tuple[Reason, ...]:
    """Why the claim is due (empty: not due). ``last_move`` is its last state change,
    ``last_activity`` the later of that and its last follow-up note."""
    if follow_up_on is not None:
        return (Reason.NEXT_ACTION,) if follow_up_on <= today else ()
    out: list[Reason] = []
    if last_move is not None:
        waited = (today - last_move).days
        if state in WAITING_ACK and waited >= rules.no_ack_days:
            out.append(Reason.NO_ACK)
        if state in WAITING_PAYMENT and waited >= rules.no_payment_days:
            out.append(Reason.NO_PAYMENT)
    idle_since = last_activity or last_move
    if state == "denied" and idle_since is not None and (today - idle_since).days >= rules.denied_idle_days:
        out.append(Reason.DENIED_IDLE)
    return tuple(out)


def priority(insurance: Decimal, age_days: int, claim_id: int) -> tuple[Decimal, int, int]:
    """Sort key: largest open insurance balance first, then the oldest, then a stable id."""
    return (-insurance, -age_days, claim_id)
