"""What the payer keeps of one received claim: plain facts read from our 837P.

Why its own type: a claim accepted today may be adjudicated weeks later (the payer's
adjudication delay), reversed months later, or asked about in a 276, so the simulator
stores it in its state file. `ClaimFacts` holds only what the payer needs -- the 2300
claim, its 2400 lines, the 2010AA billing and 2310B rendering providers, the 2000B
subscriber and 2000C patient, the submitter and envelope ids to answer to -- with a
lossless `to_dict`/`from_dict` for JSON (money as strings, dates ISO).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bhbilling.x12.claim837p import BillingProvider, Claim, Transaction837P

__all__ = ["ClaimFacts", "Envelope", "LineFacts", "PersonFacts", "ProviderFacts", "facts_from_837p"]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    last: str = field(repr=False)
    first: str = field(default="", repr=False)
    middle: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)
    birth_date: dt.date | None = field(default=None, repr=False)
    sex: str = ""


@dataclass(frozen=True, slots=True)
class ProviderFacts:
    """2010AA/2310B: NPI, name (organization, or person last/first), taxonomy; EIN and
    address for the billing provider (835 1000B N3/N4, REF*TJ)."""

    npi: str
    name: str
    first: str = ""
    taxonomy: str = ""
    ein: str = ""
    address: tuple[str, str, str, str, str] = ("", "", "", "", "")  # line1, line2, city, state, zip
    person: bool = False


@dataclass(frozen=True, slots=True)
class LineFacts:
    """2400: LX number, SV1 code/modifiers/charge/units/pointers/POS, DTP*472, REF*6R, and
    what earlier payers paid on it (2430 SVD02) and left to the patient (2430 CAS PR)."""

    number: int
    code: str
    modifiers: tuple[str, ...]
    charge: Decimal
    units: Decimal
    service_date: dt.date
    pointers: tuple[int, ...]
    control_number: str
    place_of_service: str
    prior_paid: Decimal = Decimal("0.00")
    prior_patient: Decimal = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Envelope:
    """Who sent the 837P (ISA06/ISA05, GS02, 1000A submitter) and its usage (ISA15)."""

    sender_id: str
    sender_qualifier: str
    submitter_id: str
    submitter_name: str
    usage: str
    batch_reference: str  # BHT03, echoed in the 277CA 2200B TRN*2
    file: str


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    pcn: str
    payer_id: str
    payer_name: str
    member_id: str = field(repr=False)
    subscriber: PersonFacts
    patient: PersonFacts | None  # 2000C dependent; None: the subscriber is the patient
    relationship: str
    responsibility: str  # SBR01 P/S/T
    filing_indicator: str  # SBR09
    group_number: str
    place_of_service: str
    frequency: str
    original_claim_number: str
    prior_authorization: str
    diagnoses: tuple[str, ...]
    billing: ProviderFacts
    rendering: ProviderFacts | None
    lines: tuple[LineFacts, ...]
    received: dt.date
    envelope: Envelope

    @property
    def charge(self) -> Decimal:
        return sum((line.charge for line in self.lines), Decimal("0.00"))

    @property
    def first_date(self) -> dt.date:
        return min(line.service_date for line in self.lines)

    @property
    def last_date(self) -> dt.date:
        return max(line.service_date for line in self.lines)

    @property
    def person(self) -> PersonFacts:
        """The patient: the dependent when there is one, else the subscriber."""
        return self.patient or self.subscriber

    @property
    def provider(self) -> ProviderFacts:
        """Whoever rendered the service: 2310B, else the billing provider."""
        return self.rendering or self.billing

    def to_dict(self) -> dict[str, Any]:
        return _encode(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> ClaimFacts:
        return _decode(ClaimFacts, data)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal | dt.date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


_NESTED = {"subscriber": PersonFacts, "patient": PersonFacts, "billing": ProviderFacts,
           "rendering": ProviderFacts, "envelope": Envelope}


def _decode(cls: type, data: dict[str, Any]) -> Any:
    kw: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        value, kind = data[f.name], str(f.type)
        if value is None:
            kw[f.name] = None
        elif f.name in _NESTED:
            kw[f.name] = _decode(_NESTED[f.name], value)
        elif f.name == "lines":
            kw[f.name] = tuple(_decode(LineFacts, v) for v in value)
        elif kind.startswith("Decimal"):
            kw[f.name] = Decimal(value)
        elif kind.startswith("dt.date"):
            kw[f.name] = dt.date.fromisoformat(value)
        elif kind.startswith("tuple[int"):
            kw[f.name] = tuple(int(v) for v in value)
        elif kind.startswith("tuple"):
            kw[f.name] = tuple(value)
        else:
            kw[f.name] = value
    return cls(**kw)


def _provider(bp: BillingProvider) -> ProviderFacts:
    a = bp.address
    person = bp.person
    return ProviderFacts(bp.npi, person.last if person else bp.organization_name,
                         person.first if person else "", bp.taxonomy, bp.ein,
                         (a.line1, a.line2, a.city, a.state, a.postal_code), person is not None)


def _line_prior(line) -> tuple[Decimal, Decimal]:
    paid = sum((a.paid_amount for a in line.adjudications), Decimal("0.00"))
    patient = sum((adj.amount for a in line.adjudications for adj in a.adjustments if adj.group == "PR"),
                  Decimal("0.00"))
    return paid, patient


def facts_from_837p(claim: Claim, tx: Transaction837P, billing: BillingProvider, *,
                    received: dt.date, envelope: Envelope) -> ClaimFacts:
    """The payer's copy of one 2300 claim (with claim-level 2320 COB spread to no line)."""
    sub = claim.subscriber
    subscriber = PersonFacts(sub.name.last, sub.name.first, sub.name.middle, sub.name.suffix,
                             sub.date_of_birth, sub.sex)
    patient = None
    if claim.patient is not None:
        p = claim.patient
        patient = PersonFacts(p.name.last, p.name.first, p.name.middle, p.name.suffix, p.date_of_birth, p.sex)
    rendering = None
    if claim.rendering_provider is not None:
        r = claim.rendering_provider
        rendering = ProviderFacts(r.npi, r.name.last, r.name.first, r.taxonomy, person=True)
    lines = tuple(
        LineFacts(n, line.procedure_code, line.modifiers, line.charge, line.units, line.service_date,
                  line.diagnosis_pointers, line.control_number,
                  line.place_of_service or claim.place_of_service,
                  *_line_prior(line))
        for n, line in enumerate(claim.lines, start=1))
    return ClaimFacts(
        claim.patient_control_number, claim.payer.payer_id, claim.payer.name, sub.member_id, subscriber,
        patient, claim.patient.relationship if claim.patient else "18", sub.payer_responsibility,
        sub.claim_filing_indicator, sub.group_number, claim.place_of_service, claim.frequency_code,
        claim.original_claim_number, claim.prior_authorization, claim.diagnoses, _provider(billing),
        rendering, lines, received, envelope)
