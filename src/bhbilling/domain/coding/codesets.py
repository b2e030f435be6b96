"""Code sets and small tables shared by the coding rules, built once at import.

Why a module of its own: several rule modules need the same facts (which codes are add-ons
and what their primaries are, which credentials prescribe, which places of service pay the
facility rate), and the engine must not rebuild them per session.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from bhbilling.domain.parties import Credential
from bhbilling.reference.place_of_service import load_places_of_service

REF = "BH reference §"

EM_NEW = ("99202", "99203", "99204", "99205")
EM_ESTABLISHED = ("99212", "99213", "99214", "99215")
EM_CODES = frozenset((*EM_NEW, *EM_ESTABLISHED))

# Add-on code -> the primaries it may follow on the same claim (reference §1.2, §1.3, §1.4,
# §1.7; §6.1 add-on code edits: an add-on billed alone denies).
ADDON_PRIMARIES: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    "90833": EM_CODES, "90836": EM_CODES, "90838": EM_CODES,
    "90785": frozenset({"90791", "90792", "90832", "90833", "90834", "90836", "90837", "90838",
                        "90853"}),
    "90840": frozenset({"90839"}), "G0018": frozenset({"G0017"}),
    "96131": frozenset({"96130"}), "96133": frozenset({"96132"}),
    "96137": frozenset({"96136"}), "96139": frozenset({"96138"}),
})

PRESCRIBERS = frozenset(c.value for c in Credential if c.is_prescriber)
NEEDS_SUPERVISOR = frozenset(c.value for c in Credential if c.needs_supervisor)
PSYCHOLOGISTS = frozenset({Credential.PHD.value, Credential.PSYD.value})
PHYSICIANS = frozenset({Credential.MD.value, Credential.DO.value})

# Medicare PFS facility-rate places of service (reference §4.1 [V: S49]); every other POS
# pays the non-facility rate.
FACILITY_POS = frozenset(code for code, pos in load_places_of_service().items() if pos.is_facility_rate)
OFFICE_POS = frozenset({"11"})

# Units as Decimal without building a Decimal per line.
_UNITS = tuple(Decimal(i) for i in range(64))


def units(n: int) -> Decimal:
    return _UNITS[n] if n < 64 else Decimal(n)


def drop_orphans(codes: list) -> list:
    """Remove add-on drafts whose primary is no longer among the drafts (reference §6.1)."""
    present = {d.code for d in codes}
    kept = [d for d in codes
            if d.code not in ADDON_PRIMARIES or present & ADDON_PRIMARIES[d.code]]
    if len(kept) != len(codes):
        return drop_orphans(kept)
    return kept
