"""Line charges from the practice's fee schedule for the payer.

The charge is the fee for (code, sorted modifiers) when the schedule prices that
combination, else the code's base fee (code, ()), times the units; Decimal throughout.
No rate -> charge None and a warning: the biller prices the line before submission.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from bhbilling.domain.coding.facts import FeeSchedule
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Work

_EMPTY: tuple[str, ...] = ()


@lru_cache(maxsize=1024)
def _missing(code: str, mods: tuple[str, ...]) -> Note:
    shown = f"{code}-{'-'.join(mods)}" if mods else code
    return Note("FEE-MISSING", f"no fee for {shown} in the fee schedule for this payer; charge left blank",
                "issue 3 (fee schedule)")


def charge(
    w: Work, fees: FeeSchedule, code: str, modifiers: tuple[str, ...], units: Decimal
) -> Decimal | None:
    fee = None
    if modifiers:
        fee = fees.get((code, tuple(sorted(modifiers))))
    if fee is None:
        fee = fees.get((code, _EMPTY))
    if fee is None:
        w.warnings.append(_missing(code, modifiers))
        return None
    return fee * units
