"""Named code groups an authorization may list instead of single codes.

Payers authorize "outpatient psychotherapy" or "psychological testing" as well as single
codes; a group name expands to CPT/HCPCS code numbers (numbers only: labels are ours, no
AMA descriptor text). Add-on codes sit in the group of their primary service, because the
payer counts the session, not the add-on, against most authorizations.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CODE_GROUPS", "expand_codes"]

CODE_GROUPS: dict[str, frozenset[str]] = {
    "diagnostic_evaluation": frozenset({"90791", "90792"}),
    "psychotherapy": frozenset({"90832", "90833", "90834", "90836", "90837", "90838"}),
    "crisis_psychotherapy": frozenset({"90839", "90840"}),
    "family_psychotherapy": frozenset({"90846", "90847"}),
    "group_psychotherapy": frozenset({"90853"}),
    "psychological_testing": frozenset({"96130", "96131", "96136", "96137"}),
    "adaptive_behavior": frozenset({"97151", "97152", "97153", "97154", "97155", "97156",
                                    "97157", "97158"}),
    "sud_counseling": frozenset({"H0004", "H0005"}),
    "intensive_outpatient": frozenset({"H0015", "S9480"}),
}


def expand_codes(items: Iterable[str]) -> frozenset[str]:
    """Codes and group names ("group:psychotherapy") to the set of codes they cover."""
    codes: set[str] = set()
    for item in items:
        if item.startswith("group:"):
            name = item.removeprefix("group:")
            if name not in CODE_GROUPS:
                raise ValueError(f"unknown code group {name!r}; known: {', '.join(sorted(CODE_GROUPS))}")
            codes |= CODE_GROUPS[name]
        else:
            codes.add(item)
    return frozenset(codes)
