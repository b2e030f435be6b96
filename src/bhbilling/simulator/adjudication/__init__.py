"""Adjudication of accepted claims: edits, authorization, pricing, the denial mix, and
what follows a payment (interest, reversal with correction, recoupment)."""

from bhbilling.simulator.adjudication.edits import Context, Denial
from bhbilling.simulator.adjudication.engine import accumulator_key, adjudicate, commit, release
from bhbilling.simulator.adjudication.model import ZERO, Adjustment, ClaimOutcome, LineOutcome

__all__ = [
    "ZERO", "Adjustment", "ClaimOutcome", "Context", "Denial", "LineOutcome", "accumulator_key",
    "adjudicate", "commit", "release",
]
