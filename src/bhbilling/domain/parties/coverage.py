"""Payers and coverage: payer kinds, coordination-of-benefits order, patient relationship.

Model:
- `PayerKind` is the family of a payer; its `claim_filing_indicator` is the X12 code sent
  in 837P 2000B SBR09 (Claim Filing Indicator Code, data element 1032, 005010X222A1).
  Source: the 005010X222A1 SBR09 code list (MB Medicare Part B, MC Medicaid, 16 HMO
  Medicare Risk, CI Commercial Insurance Co., CH CHAMPUS/TRICARE, HM HMO, ZZ Mutually
  Defined), cross-checked against public clearinghouse code lists; the project's
  reference document does not cover SBR09. A payer profile may override the default
  (some state Medicaid MCO companion guides want HM instead of MC).
- `CoveragePriority` is the payer responsibility sequence, 2000B SBR01 (P, S, T).
- `Relationship` is the patient's relationship to the subscriber: 2000B SBR02 carries
  "18" when the patient is the subscriber; otherwise loop 2000C is sent and PAT01 carries
  the code.
"""

from __future__ import annotations

from enum import Enum
from types import MappingProxyType

__all__ = ["CoveragePriority", "PayerKind", "Relationship"]


class PayerKind(Enum):
    """Family of payer; decides rule layers (Medicare, Medicaid, commercial) and SBR09."""

    MEDICARE = "medicare"
    MEDICAID = "medicaid"
    MEDICAID_MCO = "medicaid_mco"
    MEDICARE_ADVANTAGE = "medicare_advantage"
    COMMERCIAL = "commercial"
    TRICARE = "tricare"
    SELF_PAY = "self_pay"

    @property
    def label(self) -> str:
        return _PAYER_LABELS[self]

    @property
    def claim_filing_indicator(self) -> str | None:
        """Default 2000B SBR09 code; None for self-pay, which never produces an 837."""
        return _FILING_INDICATORS[self]

    @property
    def is_government(self) -> bool:
        """Medicare, Medicaid and TRICARE families: federal/state program rules apply."""
        return self not in (PayerKind.COMMERCIAL, PayerKind.SELF_PAY)

    @property
    def bills_insurance(self) -> bool:
        return self is not PayerKind.SELF_PAY


_PAYER_LABELS = MappingProxyType({
    PayerKind.MEDICARE: "Medicare (Part B)",
    PayerKind.MEDICAID: "Medicaid (fee-for-service)",
    PayerKind.MEDICAID_MCO: "Medicaid managed care",
    PayerKind.MEDICARE_ADVANTAGE: "Medicare Advantage",
    PayerKind.COMMERCIAL: "Commercial",
    PayerKind.TRICARE: "TRICARE",
    PayerKind.SELF_PAY: "Self-pay",
})

_FILING_INDICATORS: MappingProxyType[PayerKind, str | None] = MappingProxyType({
    PayerKind.MEDICARE: "MB",  # Medicare Part B: professional claims
    PayerKind.MEDICAID: "MC",  # Medicaid
    # Most state MCO companion guides ask for MC; some ask for HM. Override per payer.
    PayerKind.MEDICAID_MCO: "MC",
    PayerKind.MEDICARE_ADVANTAGE: "16",  # HMO Medicare Risk (used for MA plans, Part C)
    PayerKind.COMMERCIAL: "CI",  # Commercial Insurance Co. (BL/HM/12 via payer profile)
    PayerKind.TRICARE: "CH",  # CHAMPUS, the code still used for TRICARE
    # Self-pay balances are billed on statements, never on an 837. (ZZ "Mutually
    # Defined" exists in SBR09 but would mislabel a real claim.)
    PayerKind.SELF_PAY: None,
})


class CoveragePriority(Enum):
    """Payer responsibility sequence, 2000B SBR01."""

    PRIMARY = "P"
    SECONDARY = "S"
    TERTIARY = "T"

    @property
    def x12_code(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """1 for primary, 2 for secondary, 3 for tertiary: the order claims go out."""
        return ("P", "S", "T").index(self.value) + 1

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Relationship(Enum):
    """Patient's relationship to the subscriber (2000B SBR02 / 2000C PAT01)."""

    SELF = "18"
    SPOUSE = "01"
    CHILD = "19"
    LIFE_PARTNER = "53"
    OTHER = "G8"

    @property
    def x12_code(self) -> str:
        return self.value

    @property
    def is_self(self) -> bool:
        """True when the patient is the subscriber: no 2000C patient loop is sent."""
        return self is Relationship.SELF

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()
