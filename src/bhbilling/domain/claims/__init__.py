"""Claims as the billing cycle sees them: the state machine every claim moves through."""

from bhbilling.domain.claims.lifecycle import (
    OPEN_STATES,
    TRANSITIONS,
    ClaimStatus,
    IllegalTransition,
    check_transition,
)

__all__ = ["OPEN_STATES", "TRANSITIONS", "ClaimStatus", "IllegalTransition", "check_transition"]
