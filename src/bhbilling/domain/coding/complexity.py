"""Interactive complexity +90785 (reference §1.3).

Added once per session, only when a qualifying factor is documented, and only to 90791,
90792, 90832, 90833, 90834, 90836, 90837, 90838 or 90853 (per patient in the group); with an
E/M only when a psychotherapy add-on is also billed. Never with crisis 90839/90840, family
90846/90847 or an E/M alone [V: S3, S9, S11].
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import ADDON_PRIMARIES, REF
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

IC_PRIMARIES = ADDON_PRIMARIES["90785"]
_REF = f"{REF}1.3"


@lru_cache(maxsize=256)
def _added(primary: str, n_factors: int) -> Note:
    factors = "1 documented factor" if n_factors == 1 else f"{n_factors} documented factors"
    return Note("IC-ADDON", f"+90785 interactive complexity with {primary} ({factors}), once per session",
                _REF)


@lru_cache(maxsize=256)
def _refused(codes: tuple[str, ...]) -> Note:
    billed = ", ".join(codes) if codes else "no billable line"
    return Note("IC-NOT-ALLOWED", f"interactive complexity is documented but +90785 may not be "
                f"reported with {billed}", _REF)


def add_interactive_complexity(w: Work, drafts: list[Draft]) -> list[Draft]:
    factors = w.session.interactive_complexity
    if not factors:
        return drafts
    for d in drafts:
        if d.code in IC_PRIMARIES:
            w.reasons.append(_added(d.code, len(factors)))
            drafts.append(Draft("90785"))
            return drafts
    w.warnings.append(_refused(tuple(d.code for d in drafts)))
    return drafts
