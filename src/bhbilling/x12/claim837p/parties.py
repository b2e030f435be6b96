"""Parties of an 837P (005010X222A1): submitter, receiver, providers, subscriber, patient, payer.

Frozen so they can be compared and hashed: the writer groups claims that share a
subscriber, payer and patient under one HL. Errors never echo PHI values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bhbilling.x12.values import X12WriteError

__all__ = [
    "Address", "BillingProvider", "Contact", "Facility", "Patient", "Payer", "PersonName",
    "Provider", "Receiver", "Submitter", "Subscriber",
]


@dataclass(frozen=True, slots=True)
class PersonName:
    """NM103 last, NM104 first, NM105 middle, NM107 suffix of an individual (NM102 '1')."""

    last: str
    first: str = ""
    middle: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """N3 (street lines) and N4 (city, state, ZIP). Billing provider ZIP must be 9 digits."""

    line1: str
    city: str
    state: str
    postal_code: str
    line2: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    """PER*IC (1000A submitter contact): name and at least one communication number."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Submitter:
    """Loop 1000A: NM1*41 (the entity sending the file, ETIN in NM109) and PER*IC."""

    name: str
    id: str
    contact: Contact


@dataclass(frozen=True, slots=True)
class Receiver:
    """Loop 1000B: NM1*40 (the payer or clearinghouse receiving the file)."""

    name: str
    id: str


@dataclass(frozen=True, slots=True)
class BillingProvider:
    """Loop 2000A/2010AA: PRV*BI taxonomy, NM1*85 (organization or person), N3/N4, REF*EI.

    `pay_to_address` (loop 2010AB, NM1*87) only when payments go elsewhere.
    """

    npi: str
    ein: str
    taxonomy: str
    address: Address
    organization_name: str = ""
    person: PersonName | None = None
    pay_to_address: Address | None = None

    def __post_init__(self) -> None:
        if bool(self.organization_name) == (self.person is not None):
            raise X12WriteError("2010AA billing provider needs an organization name or a person, not both")


@dataclass(frozen=True, slots=True)
class Payer:
    """Loop 2010BB / 2330B: NM1*PR with the payer id (NM108 'PI'); N3/N4 optional."""

    name: str
    payer_id: str
    address: Address | None = None


@dataclass(frozen=True, slots=True)
class Subscriber:
    """Loop 2000B SBR and 2010BA NM1*IL.

    SBR01 payer responsibility P/S/T, SBR02 '18' when the subscriber is the patient (left
    empty when a 2000C patient loop follows), SBR03 group number, SBR09 claim filing
    indicator (MC Medicaid, MB Medicare B, CI commercial, BL BCBS, HM HMO, CH TRICARE...).
    """

    payer_responsibility: str
    member_id: str
    claim_filing_indicator: str
    name: PersonName
    address: Address | None = None
    date_of_birth: dt.date | None = None
    sex: str = ""
    group_number: str = ""

    def __post_init__(self) -> None:
        if self.payer_responsibility not in {"P", "S", "T"}:
            raise X12WriteError("SBR01 payer responsibility must be P, S or T")
        if self.sex not in {"", "M", "F", "U"}:
            raise X12WriteError("DMG03 sex must be M, F or U")


@dataclass(frozen=True, slots=True)
class Patient:
    """Loop 2000C PAT01 relationship (01 spouse, 19 child, 20 employee, 21 unknown, 39 organ
    donor, 40 cadaver donor, 53 life partner, G8 other) and 2010CA NM1*QC, N3/N4, DMG."""

    relationship: str
    name: PersonName
    address: Address
    date_of_birth: dt.date
    sex: str

    def __post_init__(self) -> None:
        if self.relationship not in {"01", "19", "20", "21", "39", "40", "53", "G8"}:
            raise X12WriteError("PAT01 relationship code is not one the 837P allows")
        if self.sex not in {"M", "F", "U"}:
            raise X12WriteError("DMG03 sex must be M, F or U")


@dataclass(frozen=True, slots=True)
class Provider:
    """An individual in 2310B rendering (NM1*82 + PRV*PE) or 2310D supervising (NM1*DQ)."""

    npi: str
    name: PersonName
    taxonomy: str = ""


@dataclass(frozen=True, slots=True)
class Facility:
    """Loop 2310C service facility location: NM1*77 (NPI optional), N3, N4."""

    name: str
    address: Address
    npi: str = ""
