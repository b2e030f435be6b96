"""The claim state machine: which state may follow which, and why.

A claim is built as a draft from a coder's decision, scrubbed (issue 9), made ready,
written into an 837P batch (submitted), acknowledged by a 999 (structure accepted),
accepted or rejected by the payer's 277CA, and answered by an 835 (paid, partly paid or
denied). A rejected claim was never in the payer's system and is fixed and resubmitted as
an original (frequency 1); a denied or paid claim is corrected with a new frequency-7
claim or cancelled with a frequency-8 claim (X12 005010X222A1 2300 CLM05-3), and the old one
is then closed. The table is the single source of truth: the app refuses any other move.
"""

from __future__ import annotations

import enum

from bhbilling.kernel.errors import BhBillingError

__all__ = ["OPEN_STATES", "TRANSITIONS", "ClaimStatus", "IllegalTransition", "check_transition"]


class ClaimStatus(enum.StrEnum):
    DRAFT = "draft"
    SCRUBBED = "scrubbed"
    READY = "ready"
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    DENIED = "denied"
    APPEALED = "appealed"
    CLOSED = "closed"
    VOIDED = "voided"


S = ClaimStatus

#: from-state -> the states it may move to.
TRANSITIONS: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    # scrubbing decides: errors keep it a draft (scrubbed), none make it ready
    S.DRAFT: frozenset({S.SCRUBBED, S.READY, S.VOIDED}),
    S.SCRUBBED: frozenset({S.SCRUBBED, S.READY, S.DRAFT, S.VOIDED}),
    # edited after scrubbing -> back to draft; written into a batch -> submitted
    S.READY: frozenset({S.DRAFT, S.SCRUBBED, S.SUBMITTED, S.VOIDED}),
    # 999 accepted (AK9*A/E) or rejected (AK9*R); a remittance may arrive before any 277CA
    S.SUBMITTED: frozenset({S.ACKNOWLEDGED, S.REJECTED, S.ACCEPTED, S.PAID, S.PARTIALLY_PAID,
                            S.DENIED}),
    S.ACKNOWLEDGED: frozenset({S.ACCEPTED, S.REJECTED, S.PAID, S.PARTIALLY_PAID, S.DENIED}),
    S.ACCEPTED: frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED, S.REJECTED, S.CLOSED}),
    # a rejected claim is fixed and sent again as an original
    S.REJECTED: frozenset({S.DRAFT, S.READY, S.VOIDED, S.CLOSED}),
    # an 835 reversal (CLP02 22) takes a payment back; a later 835 may pay or deny again
    S.PAID: frozenset({S.CLOSED, S.DENIED, S.PARTIALLY_PAID, S.PAID, S.ACCEPTED}),
    S.PARTIALLY_PAID: frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED, S.CLOSED,
                                 S.ACCEPTED}),
    S.DENIED: frozenset({S.APPEALED, S.PAID, S.PARTIALLY_PAID, S.CLOSED, S.DENIED, S.ACCEPTED}),
    S.APPEALED: frozenset({S.PAID, S.PARTIALLY_PAID, S.DENIED, S.CLOSED}),
    S.CLOSED: frozenset(),
    S.VOIDED: frozenset(),
}

#: states in which a claim still waits for money or work
OPEN_STATES = frozenset({S.SUBMITTED, S.ACKNOWLEDGED, S.ACCEPTED, S.PARTIALLY_PAID, S.DENIED,
                         S.APPEALED, S.REJECTED})


class IllegalTransition(BhBillingError):
    """A move the state machine does not allow (e.g. editing a submitted claim)."""


def check_transition(current: str, target: str) -> ClaimStatus:
    """Return the target state, or raise IllegalTransition naming both states."""
    try:
        src, dst = ClaimStatus(current), ClaimStatus(target)
    except ValueError as exc:
        raise IllegalTransition(f"unknown claim state: {exc}") from None
    if dst not in TRANSITIONS[src]:
        allowed = ", ".join(sorted(TRANSITIONS[src])) or "none (final state)"
        raise IllegalTransition(
            f"a claim in state {src.value!r} cannot move to {dst.value!r}; allowed: {allowed}")
    return dst
