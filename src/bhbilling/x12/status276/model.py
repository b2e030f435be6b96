"""Typed content of a 276 claim status request (005010X212), checked before writing.

Model (implementation guide section 2.4, the HL hierarchy):
- `Payer` (2000A/2100A NM1*PR, payer id NM108 'PI') is asked by the `InformationReceiver`
  (2000B/2100B NM1*41, the submitter's ETIN, NM108 '46').
- `ServiceProvider` (2000C/2100C NM1*1P, NPI NM108 'XX'): the billing provider of the claim.
- `Subscriber` (2000D DMG, 2100D NM1*IL with the member id NM108 'MI'); `Dependent`
  (2000E DMG, 2100E NM1*QC) when the patient is not the subscriber.
- `ClaimInquiry` (2200D/2200E): TRN*1 trace -- our CLM01, so the 277 TRN*2 names the claim
  it answers -- REF*1K the payer's claim number when known (from the 277CA or 835), REF*EJ
  our patient control number, AMT*T3 the billed total, DTP*472 the service dates, and
  optional `LineInquiry` (2210D/E SVC, REF*FJ, DTP*472) for line-level questions.
Errors never echo PHI values (names, member ids, dates of birth).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.x12.claim837p.parties import PersonName
from bhbilling.x12.values import X12WriteError

__all__ = [
    "ClaimInquiry", "Dependent", "InformationReceiver", "LineInquiry", "Payer", "PersonName",
    "ServiceProvider", "StatusInquiry", "Subscriber", "Transaction276",
]

_TRACE = re.compile(r"[^\s].{0,49}")
_SEXES = frozenset({"", "M", "F", "U"})


def _money(value: object, what: str) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"{what} must be Decimal, never float")


@dataclass(frozen=True, slots=True)
class Payer:
    """2100A NM1*PR*2: payer name and payer id (NM108 'PI')."""

    name: str
    payer_id: str

    def __post_init__(self) -> None:
        if not self.name or not self.payer_id:
            raise X12WriteError("2100A needs the payer name and payer id")


@dataclass(frozen=True, slots=True)
class InformationReceiver:
    """2100B NM1*41*2: the submitter asking (name, ETIN with NM108 '46')."""

    name: str
    etin: str

    def __post_init__(self) -> None:
        if not self.name or not self.etin:
            raise X12WriteError("2100B needs the receiver name and its ETIN")


@dataclass(frozen=True, slots=True)
class ServiceProvider:
    """2100C NM1*1P: the provider of service by NPI (NM108 'XX'); an organization name or
    a person. The NPI check digit is checked by the writer, not here, so a request read
    from another sender keeps what it said."""

    npi: str
    organization_name: str = ""
    person: PersonName | None = None

    def __post_init__(self) -> None:
        if bool(self.organization_name) == (self.person is not None):
            raise X12WriteError("2100C provider needs an organization name or a person, not both")


@dataclass(frozen=True, slots=True)
class Subscriber:
    """2000D DMG (when known) and 2100D NM1*IL with the member id (NM108 'MI')."""

    member_id: str
    name: PersonName
    date_of_birth: dt.date | None = None
    sex: str = ""

    def __post_init__(self) -> None:
        if not self.member_id or not self.name.last:
            raise X12WriteError("2100D needs the subscriber's member id and last name")
        if self.sex not in _SEXES:
            raise X12WriteError("DMG03 sex must be M, F, U or empty")


@dataclass(frozen=True, slots=True)
class Dependent:
    """2000E DMG (required) and 2100E NM1*QC (no id: found under the subscriber)."""

    name: PersonName
    date_of_birth: dt.date
    sex: str = ""

    def __post_init__(self) -> None:
        if not self.name.last:
            raise X12WriteError("2100E needs the patient's last name")
        if self.sex not in _SEXES:
            raise X12WriteError("DMG03 sex must be M, F, U or empty")


@dataclass(frozen=True, slots=True)
class LineInquiry:
    """2210D/E: SVC*HC:code:modifiers*charge (SVC07 units), REF*FJ line control, DTP*472."""

    procedure_code: str
    charge: Decimal
    service_date: dt.date
    modifiers: tuple[str, ...] = ()
    units: Decimal = Decimal(1)
    line_control_number: str = ""

    def __post_init__(self) -> None:
        _money(self.charge, "SVC02")
        if not self.procedure_code or len(self.modifiers) > 4:
            raise X12WriteError("SVC01 needs a procedure code and at most four modifiers")


@dataclass(frozen=True, slots=True)
class ClaimInquiry:
    """2200D/E: TRN*1 trace (our CLM01), REF*1K, REF*EJ, REF*D9, AMT*T3, DTP*472, lines."""

    trace_number: str
    charge: Decimal
    service_start: dt.date
    service_end: dt.date | None = None
    payer_claim_number: str = ""
    patient_control_number: str = ""
    clearinghouse_trace: str = ""
    lines: tuple[LineInquiry, ...] = ()

    def __post_init__(self) -> None:
        if not _TRACE.fullmatch(self.trace_number):
            raise X12WriteError("TRN02 trace number must be 1-50 characters")
        _money(self.charge, "AMT02 (T3)")
        if self.service_end is not None and self.service_end < self.service_start:
            raise X12WriteError("DTP*472 range ends before it starts")


@dataclass(frozen=True, slots=True)
class StatusInquiry:
    """One claim asked about: its provider, subscriber, dependent patient (if any), claim."""

    provider: ServiceProvider
    subscriber: Subscriber
    claim: ClaimInquiry
    dependent: Dependent | None = None


@dataclass(frozen=True, slots=True)
class Transaction276:
    """One ST..SE: one payer asked, one receiver asking, the inquiries (BHT03 `reference_id`
    is echoed in the 277 BHT03)."""

    control_number: int
    reference_id: str
    payer: Payer
    receiver: InformationReceiver
    inquiries: tuple[StatusInquiry, ...]

    def __post_init__(self) -> None:
        if not self.inquiries:
            raise X12WriteError("a 276 transaction needs at least one claim inquiry")
        if not 1 <= len(self.reference_id) <= 50:
            raise X12WriteError("BHT03 reference must be 1-50 characters")
