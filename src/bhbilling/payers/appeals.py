"""The ``[appeals]`` table of a payer profile -> the domain ``AppealWindow``.

One window per profile (not per ``[[version]]``): appeal windows run from the denial
notice, not from the date of service the versions are keyed by. Keys: ``appeal_days``
(whole number >= 1: days to file the first-level appeal), optional ``receipt_days``
(days after the notice date it is presumed received; Medicare 5, reference §8.2),
``level`` (what the payer calls it) and ``reference``. A profile without the table has
no appeal window (self-pay): its denials get no appeal deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bhbilling.domain.denials.deadlines import AppealWindow
from bhbilling.payers.schema import Checker, positive

__all__ = ["APPEAL_KEYS", "appeal_window"]

APPEAL_KEYS = ("appeal_days", "receipt_days", "level", "reference")


def appeal_window(c: Checker, doc: Mapping[str, Any]) -> AppealWindow | None:
    """The profile's window, or None without an ``[appeals]`` table; problems go to ``c``."""
    if "appeals" not in doc:
        return None
    table = doc["appeals"]
    if not isinstance(table, dict):
        c.bad("appeals", "expected a table [appeals] with appeal_days")
        return None
    c.keys(table, "appeals", APPEAL_KEYS)
    days = positive(c, table, "appeals", "appeal_days")
    if "appeal_days" not in table:
        c.bad("appeals.appeal_days", "missing; expected the number of days to appeal, e.g. 120")
    receipt = c.typed(table, "appeals", "receipt_days", int, "a whole number of 0 or more", 0)
    if receipt is not None and receipt < 0:
        c.bad("appeals.receipt_days", f"expected a whole number of 0 or more, got {receipt}")
        receipt = 0
    level = c.typed(table, "appeals", "level", str, "a string", "appeal")
    basis = c.typed(table, "appeals", "reference", str, "a string", "")
    if days is None:
        return None
    return AppealWindow(days=days, receipt_days=receipt or 0, level=level or "appeal",
                        basis=basis or "")
