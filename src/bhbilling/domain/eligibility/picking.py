"""Choose which EB loops answer a question, most specific service type first.

Why: payers answer a 270 with generic benefits (service type 30), with mental-health
loops (MH, A6, A8...), or both, often with different figures. For each figure (in-network
copay, deductible remaining...) the picker walks the caller's preference list of
service types (e.g. A6 psychotherapy before MH before A4) and falls back to 30, and
records which code answered so the summary can say so.

Network (EB12): for an in-network figure a loop marked Y is taken first, then one that
does not distinguish networks (blank, W not applicable, U unknown); a loop marked N never
prices an in-network session, and the reverse for out of network. Coverage level (EB02):
individual before family, so a member sees their own deductible first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bhbilling.domain.eligibility.codes import HEALTH_PLAN
from bhbilling.domain.eligibility.facts import BenefitFact

__all__ = ["IN_NETWORK", "OUT_OF_NETWORK", "Picker"]

IN_NETWORK = "Y"
OUT_OF_NETWORK = "N"
_NEUTRAL = ("", "W", "U")
# EB02 coverage levels, the member's own first.
_LEVEL_ORDER = {"IND": 0, "": 1, "EMP": 2, "ESP": 3, "ECH": 4, "SPO": 5, "SPC": 6,
                "CHD": 7, "DEP": 8, "FAM": 9}


def by_coverage_level(benefits: Sequence[BenefitFact]) -> list[BenefitFact]:
    """Individual first, family last; file order kept within a level."""
    return sorted(benefits, key=lambda b: _LEVEL_ORDER.get(b.coverage_level, 10))


class Picker:
    """Finds the EB loops for one figure and remembers which service type answered."""

    def __init__(self, benefits: Sequence[BenefitFact], preference: Sequence[str]) -> None:
        self.benefits = tuple(benefits)
        self.order = tuple(dict.fromkeys((*preference, HEALTH_PLAN)))
        self.sources: list[tuple[str, str]] = []
        self._by_code: dict[str, list[BenefitFact]] = {}  # service type -> its loops, file order
        for benefit in self.benefits:
            for code in dict.fromkeys(benefit.applies_to):
                self._by_code.setdefault(code, []).append(benefit)

    def pick(self, figure: str, predicate: Callable[[BenefitFact], bool],
             network: str | None = None) -> list[BenefitFact]:
        """The loops of the first service type in the preference order that has any
        matching `predicate` (and `network`, see the module docstring); [] if none."""
        for code in self.order:
            hits = [b for b in self._by_code.get(code, ()) if predicate(b)]
            if network is not None:
                exact = [b for b in hits if b.in_network == network]
                hits = exact or [b for b in hits if b.in_network in _NEUTRAL]
            if hits:
                self.sources.append((figure, code))
                return by_coverage_level(hits)
        return []

    def codes_used(self) -> tuple[str, ...]:
        """Service types that answered any figure, in the order first used."""
        return tuple(dict.fromkeys(code for _, code in self.sources))
