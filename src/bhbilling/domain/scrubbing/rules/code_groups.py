"""Groups of codes and small facts the scrub rules share, built once at import.

Why here and not in the coding engine: the scrubber judges claims from any source (a
clearinghouse export, another EHR), so it recognises every E/M family that may carry a
psychotherapy add-on (reference §1.2: office, hospital/observation, nursing facility,
home/residence -- BCBS-IL list [V: S3]), not only the office levels the coding engine
proposes. Where the two engines must agree (add-on primaries, time bands) the coding
tables are reused.
"""

from __future__ import annotations

from types import MappingProxyType

from bhbilling.domain.coding.codesets import ADDON_PRIMARIES as CODING_ADDON_PRIMARIES
from bhbilling.domain.coding.codesets import EM_CODES as OFFICE_EM

REF = "BH reference §"


def _span(first: int, last: int) -> frozenset[str]:
    return frozenset(str(n) for n in range(first, last + 1))


# E/M families a psychotherapy add-on may follow (§1.2 [V: S3]).
EM_FAMILIES = OFFICE_EM | _span(99221, 99239) | _span(99304, 99316) | _span(99341, 99350)
PSY_STANDALONE = frozenset({"90832", "90834", "90837"})
PSY_ADDON = frozenset({"90833", "90836", "90838"})
PSY_CODES = PSY_STANDALONE | PSY_ADDON
TESTING_ADDONS = frozenset({"96131", "96133", "96137", "96139"})  # may follow on later days (§1.7)

# Add-on -> primaries (§1.2-§1.7, §6.1 AOC edits); psychotherapy add-ons widened to every
# E/M family above.
ADDON_PRIMARIES: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    **CODING_ADDON_PRIMARIES,
    **{code: EM_FAMILIES for code in PSY_ADDON},
    "96159": frozenset({"96158"}), "96165": frozenset({"96164"}),
    "96168": frozenset({"96167"}), "96171": frozenset({"96170"}),
    "99494": frozenset({"99492", "99493"}),
})

# +90785 may never go with these (§1.3 [V: S3, S9]): crisis (and the Medicare crisis
# G-codes, which replace 90839/90840 [K]), family and multiple-family psychotherapy, adaptive
# behavior 97151-97158, 0362T, 0373T, and health behavior assessment/intervention.
IC_FORBIDDEN = frozenset({"90839", "90840", "G0017", "G0018", "90846", "90847", "90849",
                          "0362T", "0373T", "96156", "96158", "96159", "96164", "96165", "96167",
                          "96168", "96170", "96171"}) | _span(97151, 97158)
IC_PRIMARIES = ADDON_PRIMARIES["90785"]

# Deleted codes a scrubber still sees: prolonged services with psychotherapy, deleted from
# CPT with no replacement (§1.2 [V: S28, S137]; deletion date 2023-01-01 [K]).
DELETED_CODES = MappingProxyType({"99354": "2023-01-01", "99355": "2023-01-01"})
PROLONGED_CODES = frozenset({"99417", "G2212"})  # never with psychotherapy (§6.2 [V: S28])

TELEHEALTH_MODIFIERS = frozenset({"95", "GT", "93", "FQ", "GQ"})  # §3.1
TELEHEALTH_POS = frozenset({"02", "10"})  # §4.1

# 42 CFR Part 2 covers substance-use-disorder records; 42 CFR 2.11 leaves tobacco out, so
# F17 (nicotine) is not a Part 2 diagnosis [K: 2.11 definition]. Remission codes (F1x.x1)
# are still SUD diagnoses.
SUD_DX_PREFIXES = ("F10", "F11", "F12", "F13", "F14", "F15", "F16", "F18", "F19")
# SUD services (§2.1, §2.2): alcohol/drug H-codes, OTP and office-based SUD bundles, SBIRT.
SUD_SERVICE_CODES = frozenset({
    "H0001", "H0005", "H0006", "H0007", "H0008", "H0009", "H0010", "H0011", "H0012", "H0013",
    "H0014", "H0015", "H0016", "H0020", "H0022", "H0047", "H0048", "H0049", "H0050",
    "H2034", "H2035", "H2036", "G0396", "G0397", "G2011", "G2086", "G2087", "G2088",
    "99408", "99409", "G0137", "G1028",
}) | frozenset(f"G20{n}" for n in range(67, 82))
SUD_PROGRAM_MODIFIERS = frozenset({"HF", "HG"})  # substance abuse / opioid treatment program (§3.2)
