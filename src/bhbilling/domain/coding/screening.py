"""Standardized screening instruments 96127 (reference §1.6).

One unit per distinct standardized instrument administered, scored and documented (PHQ-9 +
GAD-7 = 2 units) [V: S15, S16]. The unit cap is the payer's (``screening_max_units``):
vendor guidance says 4 at most payers, Medicare's MUE is recalled as 3 [C/K], so no cap is
built in.
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

_REF = f"{REF}1.6"
_NONE = Note("SCR-UNITS", "screening service without a documented instrument: 96127 is billed per "
             "instrument, so nothing to bill", _REF)


@lru_cache(maxsize=256)
def _units_note(n: int) -> Note:
    return Note("SCR-UNITS", f"96127 x{n}: one unit per distinct instrument ({n} documented)", _REF)


@lru_cache(maxsize=256)
def _cap_note(n: int, cap: int) -> Note:
    return Note("SCR-UNITS", f"{n} instruments documented; this payer pays at most {cap} units of 96127, "
                f"so {cap} are billed", _REF)


def distinct_instruments(instruments: tuple[str, ...]) -> int:
    """Count instruments once each, ignoring case and surrounding spaces."""
    if len(instruments) < 2:
        return len([i for i in instruments if i.strip()])
    return len({i.strip().casefold() for i in instruments if i.strip()})


def code_screening(w: Work) -> list[Draft]:
    n = distinct_instruments(w.session.instruments)
    if n == 0:
        w.warnings.append(_NONE)
        return []
    w.reasons.append(_units_note(n))
    cap = w.profile.screening_max_units
    if cap is not None and n > cap:
        w.warnings.append(_cap_note(n, cap))
        n = cap
        if n <= 0:
            return []
    return [Draft("96127", n)]
