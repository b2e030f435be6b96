"""How many authorized units one session draws.

- Visit: 1 per session. Day: 1 per session (a per-diem program day).
- 15 minutes: the CMS "8-minute rule" applied to the session's timed minutes: a unit is
  earned once at least 8 minutes of a 15-minute unit are delivered, so units =
  (minutes + 7) // 15: 0-7 min -> 0 (not billable), 8-22 -> 1, 23-37 -> 2, 38-52 -> 3,
  53-67 -> 4. CMS applies the rule to the total timed minutes of all timed codes of a day;
  we apply it to one service's minutes, which is what an authorization for one code
  counts. Payers with their own rounding (e.g. whole units only) need their own rule.
"""

from __future__ import annotations

from bhbilling.domain.authorizations.model import UnitType

__all__ = ["units_for"]


def units_for(unit_type: UnitType, minutes: int | None = None) -> int:
    """Units one session draws from an authorization counted in `unit_type`."""
    if unit_type is UnitType.MINUTES_15:
        if minutes is None or minutes < 0:
            raise ValueError("15-minute units need the session's minutes (0 or more)")
        return (minutes + 7) // 15
    return 1
