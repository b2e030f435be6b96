"""Workbench order: dollars at stake x chance of recovery, then the soonest deadline.

Why: denied claims become uncollectible within months unless worked by value and
deadline (issue #8). The score is expected recovery in dollars; ties (and equal
scores) go to the denial whose appeal deadline comes first; no deadline sorts last.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

__all__ = ["priority_key", "priority_score"]


def priority_score(amount: Decimal, recovery_chance: Decimal) -> Decimal:
    """Expected dollars recovered, to the cent."""
    return (amount * recovery_chance).quantize(Decimal("0.01"))


def priority_key(amount: Decimal, recovery_chance: Decimal, deadline: dt.date | None,
                 tiebreak: int = 0) -> tuple:
    """Sort key, highest priority first when sorted ascending."""
    return (-priority_score(amount, recovery_chance), deadline or dt.date.max, tiebreak)
