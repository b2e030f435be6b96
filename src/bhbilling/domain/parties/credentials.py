"""Rendering-provider credentials in behavioral health, with the billing facts they imply.

Model:
- A credential decides what a clinician may bill (prescriber-only codes such as 90792 and
  E/M), whether claims can go out under their own NPI or only under a supervisor, and the
  NUCC taxonomy usually sent in 2310B PRV*PE*PXC.
- Facts come from /work/shared/reference/behavioral-health-billing.md section 5 ("Who
  can bill Medicare", sources S65-S73) and the CMS Medicare Provider and Supplier
  Taxonomy Crosswalk 2025-01-02 (reference/data). Facts that vary by state or payer are
  defaults a practice overrides per clinician; each is marked [C] or [K] below, as in the
  reference document ([K] = domain knowledge not checked against a cited source).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

__all__ = ["Credential", "CredentialFacts"]


@dataclass(frozen=True, slots=True)
class CredentialFacts:
    label: str
    is_prescriber: bool
    is_independently_licensed: bool
    needs_supervisor: bool
    medicare_enrollable: bool
    default_taxonomy: str | None


class Credential(Enum):
    """Licence/credential of a rendering clinician (value = the usual abbreviation)."""

    MD = "MD"
    DO = "DO"
    PMHNP = "PMHNP"
    NP = "NP"
    CNS = "CNS"
    PA = "PA"
    PHD = "PHD"
    PSYD = "PSYD"
    LCSW = "LCSW"
    LMFT = "LMFT"
    LPC = "LPC"
    LMHC = "LMHC"
    LADC = "LADC"
    LCADC = "LCADC"
    ASSOCIATE = "ASSOCIATE"

    @property
    def facts(self) -> CredentialFacts:
        return CREDENTIAL_FACTS[self]

    @property
    def label(self) -> str:
        return self.facts.label

    @property
    def is_prescriber(self) -> bool:
        """May bill prescriber-only services: 90792, E/M with psychotherapy add-ons."""
        return self.facts.is_prescriber

    @property
    def is_independently_licensed(self) -> bool:
        """Licensed to practise (and to be a payer's rendering provider) unsupervised."""
        return self.facts.is_independently_licensed

    @property
    def needs_supervisor(self) -> bool:
        """Claims must be billed under, or name, a supervising licensed clinician."""
        return self.facts.needs_supervisor

    @property
    def medicare_enrollable(self) -> bool:
        """Can enroll in Medicare and bill under their own NPI (2024+ rules)."""
        return self.facts.medicare_enrollable

    @property
    def default_taxonomy(self) -> str | None:
        """Usual NUCC taxonomy for PRV*PE; None when it depends on the discipline."""
        return self.facts.default_taxonomy


_F = CredentialFacts
CREDENTIAL_FACTS: MappingProxyType[Credential, CredentialFacts] = MappingProxyType({
    # Physicians: psychiatry taxonomy (crosswalk specialty 26). A DO psychiatrist uses the
    # same allopathic & osteopathic taxonomy.
    Credential.MD: _F("Psychiatrist (MD)", True, True, False, True, "2084P0800X"),
    Credential.DO: _F("Psychiatrist (DO)", True, True, False, True, "2084P0800X"),
    # NP scope: full practice authority in some states, collaborative agreement in others
    # [C]; billing under own NPI at 85 % of PFS is uniform for Medicare [V: S73].
    Credential.PMHNP: _F(
        "Psychiatric-mental health nurse practitioner", True, True, False, True, "363LP0808X"
    ),
    # 363L00000X (NP, generic) is NUCC's code; it is not in the CMS BH crosswalk subset [K].
    Credential.NP: _F("Nurse practitioner", True, True, False, True, "363L00000X"),
    # Psychiatric CNS (crosswalk specialty 89); prescriptive authority varies by state [C].
    Credential.CNS: _F(
        "Clinical nurse specialist, psychiatric", True, True, False, True, "364SP0808X"
    ),
    # PAs practise under a collaborating physician per state law but bill Medicare directly
    # since 2022 (no supervising NPI needed on the claim) [K]. 363A00000X is NUCC's PA code,
    # not in the CMS BH crosswalk subset [K].
    Credential.PA: _F("Physician assistant", True, False, False, True, "363A00000X"),
    # Licensed doctoral psychologists: 100 % of PFS, no E/M, no 90792 [V: S71, S133].
    # Prescribing psychologists (103TP0016X) exist in a few states; not modelled [C].
    Credential.PHD: _F("Psychologist (PhD)", False, True, False, True, "103TC0700X"),
    Credential.PSYD: _F("Psychologist (PsyD)", False, True, False, True, "103TC0700X"),
    Credential.LCSW: _F("Licensed clinical social worker", False, True, False, True, "1041C0700X"),
    # MFT and MHC enroll in Medicare since 1 Jan 2024 (crosswalk specialties E1, E2) [V: S70].
    Credential.LMFT: _F(
        "Licensed marriage and family therapist", False, True, False, True, "106H00000X"
    ),
    Credential.LPC: _F(
        "Licensed professional counselor", False, True, False, True, "101YP2500X"
    ),
    Credential.LMHC: _F(
        "Licensed mental health counselor", False, True, False, True, "101YM0800X"
    ),
    # Addiction counselors: independent practice is state-specific [C]; Medicare enrollment
    # only if they meet every MHC requirement, so not by default [V: S70]. 101YA0400X
    # (Counselor, Addiction) is NUCC's code, listed in the reference doc (S104) but not in
    # the CMS crosswalk subset.
    Credential.LADC: _F(
        "Licensed alcohol and drug counselor", False, True, False, False, "101YA0400X"
    ),
    Credential.LCADC: _F(
        "Licensed clinical alcohol and drug counselor", False, True, False, False, "101YA0400X"
    ),
    # Pre-licensed associates/interns cannot enroll in Medicare; they bill incident-to or
    # under a supervisor where the payer allows it [V: S65, S66, S68]. Their taxonomy
    # follows their discipline (counselor, social worker, MFT), so no default.
    Credential.ASSOCIATE: _F(
        "Associate / pre-licensed clinician", False, False, True, False, None
    ),
})
