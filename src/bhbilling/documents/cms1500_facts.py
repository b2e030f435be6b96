"""What a CMS-1500 (02/12) paper claim says, as plain values: one field per NUCC item.

The app layer fills these from a stored claim (``bhbilling.app.paper.cms1500``); the
renderer (``documents.cms1500``) only places them. Field names carry the NUCC item number
they print in (NUCC 1500 Health Insurance Claim Form Reference Instruction Manual for form
version 02/12), so a reviewer can check the mapping item by item.

Checks here are the form's own limits: 12 diagnoses (item 21 A-L), up to 4 modifiers and
4 pointer letters per line (24D, 24E), pointers naming a listed diagnosis, money as
Decimal with cents. Errors name the field and the limit, never a patient's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.kernel.errors import BhBillingError

__all__ = ["DIAGNOSIS_LETTERS", "INSURANCE_TYPES", "LINES_PER_PAGE", "RELATIONSHIPS", "Address",
           "Cms1500Facts", "Cms1500Line", "FormError"]

LINES_PER_PAGE = 6  # item 24 has six service lines; more lines continue on further pages
DIAGNOSIS_LETTERS = "ABCDEFGHIJKL"  # item 21, related to lines by letter in 24E
INSURANCE_TYPES = ("medicare", "medicaid", "tricare", "champva", "group", "feca", "other")
RELATIONSHIPS = ("self", "spouse", "child", "other")  # item 6


class FormError(BhBillingError, ValueError):
    """The facts do not fit the form; the message names the item and the limit."""


@dataclass(frozen=True, slots=True)
class Address:
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""

    @property
    def street(self) -> str:
        return " ".join(p for p in (self.line1, self.line2) if p)

    @property
    def city_line(self) -> str:
        return " ".join(p for p in (self.city, self.state, self.postal_code) if p)


@dataclass(frozen=True, slots=True)
class Cms1500Line:
    """One item-24 service line (the unshaded half; the shaded half stays empty)."""

    date_from: dt.date
    date_to: dt.date
    place_of_service: str  # 24B
    code: str  # 24D CPT/HCPCS number only (never its descriptor)
    charge: Decimal  # 24F
    units: Decimal  # 24G
    rendering_npi: str  # 24J
    modifiers: tuple[str, ...] = ()  # 24D, up to 4
    pointers: str = "A"  # 24E, letters of item 21, primary first
    emergency: bool = False  # 24C

    def __post_init__(self) -> None:
        if len(self.modifiers) > 4:
            raise FormError(f"item 24D line {self.code}: at most 4 modifiers fit, got "
                            f"{len(self.modifiers)}")
        if not 1 <= len(self.pointers) <= 4 or any(p not in DIAGNOSIS_LETTERS for p in self.pointers):
            raise FormError(f"item 24E line {self.code}: 1 to 4 letters A-L expected, got "
                            f"{self.pointers!r}")
        for name in ("charge", "units"):
            if not isinstance(getattr(self, name), Decimal):
                raise FormError(f"item 24 line {self.code}: {name} must be a Decimal")


@dataclass(frozen=True, slots=True)
class Cms1500Facts:
    """Every value the form shows; empty strings leave an item blank."""

    # Carrier block (top right): where the paper goes.
    payer_name: str
    insurance_type: str  # item 1: one of INSURANCE_TYPES
    insured_id: str  # 1a
    patient_name: str  # 2: LAST, FIRST, MIDDLE INITIAL
    patient_birth_date: dt.date | None  # 3
    patient_sex: str  # 3: M, F or "" (unknown)
    insured_name: str  # 4
    patient_address: Address  # 5
    relationship: str  # 6: one of RELATIONSHIPS, "" when no insured
    insured_address: Address  # 7
    insured_group: str  # 11
    insured_birth_date: dt.date | None  # 11a
    insured_sex: str  # 11a
    insured_plan_name: str  # 11c
    diagnoses: tuple[str, ...]  # 21 A-L, printed without the decimal point
    lines: tuple[Cms1500Line, ...]  # 24
    tin: str  # 25
    account_number: str  # 26: our claim control number
    rendering_signature: str  # 31: name and credential
    signed_on: dt.date  # 12 and 31 dates: the day the form is printed
    billing_name: str  # 33
    billing_address: Address  # 33
    billing_npi: str  # 33a
    payer_id: str = ""
    payer_address: tuple[str, ...] = ()
    patient_phone: str = ""
    insured_phone: str = ""
    other_insured_name: str = ""  # 9
    other_insured_policy: str = ""  # 9a
    other_insured_plan: str = ""  # 9d
    employment_related: bool = False  # 10a
    auto_accident: bool = False  # 10b
    auto_accident_state: str = ""
    other_accident: bool = False  # 10c
    other_claim_id: str = ""  # 11b
    has_other_plan: bool = False  # 11d
    patient_signature: str = "SIGNATURE ON FILE"  # 12
    insured_signature: str = "SIGNATURE ON FILE"  # 13
    illness_date: dt.date | None = None  # 14 (optional)
    illness_qualifier: str = ""  # 14: 431 onset, 484 last menstrual period
    referring_qualifier: str = ""  # 17: DN referring, DK ordering, DQ supervising
    referring_name: str = ""  # 17
    referring_npi: str = ""  # 17b
    additional_info: str = ""  # 19
    icd_indicator: str = "0"  # 21: 0 = ICD-10-CM
    resubmission_code: str = ""  # 22: 7 replacement, 8 void
    original_reference: str = ""  # 22: the payer's claim number of the original
    prior_authorization: str = ""  # 23
    tin_is_ein: bool = True  # 25
    accept_assignment: bool = True  # 27
    amount_paid: Decimal = Decimal("0.00")  # 29
    facility_name: str = ""  # 32
    facility_address: Address = field(default_factory=Address)
    facility_npi: str = ""  # 32a
    billing_phone: str = ""  # 33

    def __post_init__(self) -> None:
        if self.insurance_type not in INSURANCE_TYPES:
            raise FormError(f"item 1: insurance type must be one of {', '.join(INSURANCE_TYPES)}")
        if self.relationship and self.relationship not in RELATIONSHIPS:
            raise FormError(f"item 6: relationship must be one of {', '.join(RELATIONSHIPS)}")
        if len(self.diagnoses) > len(DIAGNOSIS_LETTERS):
            raise FormError(f"item 21: at most 12 diagnoses fit, got {len(self.diagnoses)}")
        if not self.lines:
            raise FormError("item 24: a claim form needs at least one service line")
        listed = DIAGNOSIS_LETTERS[:len(self.diagnoses)]
        for line in self.lines:
            if any(p not in listed for p in line.pointers):
                raise FormError(f"item 24E line {line.code}: pointer {line.pointers!r} names a "
                                f"diagnosis not in item 21 (A-{listed[-1:] or '?'})")
        if self.resubmission_code not in ("", "7", "8"):
            raise FormError("item 22: resubmission code must be 7 (replacement) or 8 (void)")
        if not isinstance(self.amount_paid, Decimal):
            raise FormError("item 29: amount paid must be a Decimal")

    @property
    def total_charge(self) -> Decimal:
        """Item 28: the sum of every line's 24F, over all pages."""
        return sum((ln.charge for ln in self.lines), Decimal("0.00"))

    @property
    def pages(self) -> tuple[tuple[Cms1500Line, ...], ...]:
        """Item-24 lines split six to a page, in claim order."""
        return tuple(self.lines[i:i + LINES_PER_PAGE]
                     for i in range(0, len(self.lines), LINES_PER_PAGE))
