"""Typed content of a 270 eligibility inquiry (005010X279A1), checked before writing.

Model (implementation guide section 2.4, the HL hierarchy):
- `InformationSource` (2000A/2100A NM1*PR): the payer asked, by its payer id (NM108 'PI').
- `InformationReceiver` (2000B/2100B NM1*1P): the practice or clinician asking, identified
  by NPI (NM108 'XX'); a person (NM102 '1') or an organization (NM102 '2').
- `Subscriber` (2000C/2100C NM1*IL): member id (NM108 'MI'), name, DMG; `Dependent`
  (2000D/2100D NM1*03) when the patient is not the subscriber. The guide gives a dependent
  no member id of its own: the payer finds them under the subscriber.
- `Inquiry`: one patient, with the TRN trace the payer echoes in the 271, the date of
  service (DTP*291) and the service type codes asked (EQ01, element 1365). Payers answer
  mental health under different codes (30 plus MH, A4-A8, AI-AK, CF...), so the codes are
  chosen per payer by the caller.
Errors never echo PHI values (names, member ids, dates of birth).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bhbilling.kernel.ids import is_valid_npi
from bhbilling.x12.claim837p.parties import PersonName
from bhbilling.x12.values import X12WriteError

__all__ = [
    "MAX_INQUIRIES_PER_TRANSACTION", "MENTAL_HEALTH_INQUIRY", "Dependent", "InformationReceiver",
    "InformationSource", "Inquiry", "PersonName", "Subscriber", "Transaction270",
]

# 005010X279A1 section 1.4.3: a batch 270 carries at most 99 patient requests (a real-time
# one carries one unless the trading partners agree otherwise).
MAX_INQUIRIES_PER_TRANSACTION = 99
MAX_SERVICE_TYPES = 99  # EQ01 repeats at most 99 times; the 2110C loop too
# A sensible default for a behavioral-health practice when the payer profile says nothing:
# the plan (30), mental health (MH), psychotherapy (A6) and psychiatric outpatient (A8).
MENTAL_HEALTH_INQUIRY = ("30", "MH", "A6", "A8")
_SERVICE_TYPE = re.compile(r"[0-9A-Z]{1,2}")
_TRACE = re.compile(r"[0-9A-Za-z-]{1,50}")
_ORIGINATOR = re.compile(r"[0-9][0-9A-Za-z]{9}")
# 2100D INS02 in a 270: 01 spouse, 19 child, 34 other adult (005010X279A1 2100D INS).
DEPENDENT_RELATIONSHIPS = frozenset({"01", "19", "34"})


def _sex(value: str) -> None:
    """DMG03 in a 270 is F or M only; leave it empty when the record says unknown."""
    if value not in {"", "M", "F"}:
        raise X12WriteError("DMG03 sex in a 270 must be M, F or empty")


@dataclass(frozen=True, slots=True)
class InformationSource:
    """2100A NM1*PR*2: payer name (NM103) and payer id (NM108 'PI', NM109)."""

    name: str
    payer_id: str

    def __post_init__(self) -> None:
        if not self.name or not self.payer_id:
            raise X12WriteError("2100A needs the payer name and payer id")


@dataclass(frozen=True, slots=True)
class InformationReceiver:
    """2100B NM1*1P: the provider asking, by NPI; `person` for a clinician, else
    `organization_name`. `taxonomy` adds PRV*PE*PXC (some payers answer by specialty)."""

    npi: str
    organization_name: str = ""
    person: PersonName | None = None
    taxonomy: str = ""

    def __post_init__(self) -> None:
        if bool(self.organization_name) == (self.person is not None):
            raise X12WriteError("2100B receiver needs an organization name or a person, not both")
        if not is_valid_npi(self.npi):
            raise X12WriteError("2100B NM109 must be a valid 10-digit NPI")
        if self.taxonomy and not re.fullmatch(r"[0-9A-Z]{9}X", self.taxonomy):
            raise X12WriteError("2100B PRV03 taxonomy must be 10 characters ending in X")


@dataclass(frozen=True, slots=True)
class Subscriber:
    """2100C NM1*IL (member id NM108 'MI'), optional REF*6P group number, DMG."""

    member_id: str
    name: PersonName
    date_of_birth: dt.date | None = None
    sex: str = ""
    group_number: str = ""

    def __post_init__(self) -> None:
        if not self.member_id:
            raise X12WriteError("2100C NM109 member id is required")
        if not self.name.last:
            raise X12WriteError("2100C NM103 subscriber last name is required")
        _sex(self.sex)


@dataclass(frozen=True, slots=True)
class Dependent:
    """2100D NM1*03: the patient when not the subscriber; INS*N*relationship when known."""

    name: PersonName
    date_of_birth: dt.date
    sex: str = ""
    relationship: str = ""  # INS02: 01 spouse, 19 child, 34 other adult

    def __post_init__(self) -> None:
        if not self.name.last or not self.name.first:
            raise X12WriteError("2100D NM103/NM104 dependent last and first names are required")
        _sex(self.sex)
        if self.relationship and self.relationship not in DEPENDENT_RELATIONSHIPS:
            raise X12WriteError("2100D INS02 relationship code is not one 005010X279A1 allows")


@dataclass(frozen=True, slots=True)
class Inquiry:
    """One patient's question: TRN*1 trace (TRN02 our reference, TRN03 '1' + our EIN or
    another 10-character originator id), DTP*291 date of service (a range when
    `service_date_end` is given) and EQ01 service type codes in the order given."""

    trace_number: str
    originator_id: str
    subscriber: Subscriber
    service_date: dt.date
    service_types: tuple[str, ...] = ("30",)
    dependent: Dependent | None = None
    service_date_end: dt.date | None = None

    def __post_init__(self) -> None:
        if not _TRACE.fullmatch(self.trace_number):
            raise X12WriteError("TRN02 trace number must be 1-50 letters, digits or '-'")
        if not _ORIGINATOR.fullmatch(self.originator_id):
            raise X12WriteError("TRN03 must be 10 characters: '1' + EIN, or '9' + another id")
        if not self.service_types or len(self.service_types) > MAX_SERVICE_TYPES:
            raise X12WriteError(f"EQ01 needs 1 to {MAX_SERVICE_TYPES} service type codes")
        for code in self.service_types:
            if not isinstance(code, str) or not _SERVICE_TYPE.fullmatch(code):
                raise X12WriteError("EQ01 service type codes are 1-2 capital letters or digits")
        if len(set(self.service_types)) != len(self.service_types):
            raise X12WriteError("EQ01 service type codes must not repeat")
        if self.service_date_end is not None and self.service_date_end < self.service_date:
            raise X12WriteError("DTP*291 range ends before it starts")
        if self.dependent is None and self.subscriber.date_of_birth is None:
            raise X12WriteError("2100C DMG birth date is needed when the subscriber is the patient")


@dataclass(frozen=True, slots=True)
class Transaction270:
    """One ST..SE: one payer (2000A), one asking provider (2000B) and its inquiries.

    `reference_id` is BHT03, echoed by the payer in the 271 BHT03.
    """

    control_number: int
    reference_id: str
    source: InformationSource
    receiver: InformationReceiver
    inquiries: tuple[Inquiry, ...]

    def __post_init__(self) -> None:
        if not self.inquiries:
            raise X12WriteError("a 270 transaction needs at least one inquiry")
        if len(self.inquiries) > MAX_INQUIRIES_PER_TRANSACTION:
            raise X12WriteError(
                f"a 270 transaction carries at most {MAX_INQUIRIES_PER_TRANSACTION} inquiries; "
                "split the batch into more transactions")
        if not 1 <= len(self.reference_id) <= 50:
            raise X12WriteError("BHT03 reference must be 1-50 characters")
