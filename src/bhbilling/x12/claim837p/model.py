"""Typed content of an 837P (005010X222A1): what the writer needs, already decided upstream.

The objects are frozen so a claim cannot change between scrubbing and writing. Validation
here covers the implementation guide's structural rules that a typed object can check
(frequency codes, REF*F8 for corrections and voids, diagnosis and modifier counts, pointer
ranges, line adjudication against a declared other payer); codes themselves are chosen by
the coding and scrubbing layers. Errors never echo PHI values. The parties (names,
addresses, providers, subscriber, patient, payer) live in `parties` and are re-exported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.x12.claim837p.parties import (
    Address,
    BillingProvider,
    Contact,
    Facility,
    Patient,
    Payer,
    PersonName,
    Provider,
    Receiver,
    Submitter,
    Subscriber,
)
from bhbilling.x12.values import X12WriteError

__all__ = [
    "Address", "Adjustment", "BillingGroup", "BillingProvider", "Claim", "Contact", "Facility",
    "LineAdjudication", "OtherPayer", "Patient", "Payer", "PersonName", "Provider", "Receiver",
    "ServiceLine", "Submitter", "Subscriber", "Transaction837P",
]


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One CAS reason: group (CO, PR, OA, PI, CR), CARC reason code, amount, optional quantity."""

    group: str
    reason: str
    amount: Decimal
    quantity: Decimal | None = None

    def __post_init__(self) -> None:
        if self.group not in {"CO", "CR", "OA", "PI", "PR"}:
            raise X12WriteError("CAS01 group code must be CO, CR, OA, PI or PR")


@dataclass(frozen=True, slots=True)
class LineAdjudication:
    """Loop 2430: SVD (payer id as in 2330B NM109, paid amount, procedure, units), CAS and
    DTP*573 (adjudication date), copied from the earlier payer's 835 SVC."""

    payer_id: str
    paid_amount: Decimal
    procedure_code: str
    units: Decimal
    adjudication_date: dt.date
    modifiers: tuple[str, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()


@dataclass(frozen=True, slots=True)
class ServiceLine:
    """Loop 2400: LX, SV1 (HC:code:modifiers, charge, UN, units, POS, pointers), DTP*472, REF*6R.

    `place_of_service` only when it differs from CLM05-1. `control_number` (REF*6R) is
    echoed by the payer in 835 REF*6R so the remittance posts to this exact line.
    """

    procedure_code: str
    charge: Decimal
    units: Decimal
    service_date: dt.date
    diagnosis_pointers: tuple[int, ...]
    control_number: str
    modifiers: tuple[str, ...] = ()
    place_of_service: str = ""
    adjudications: tuple[LineAdjudication, ...] = ()

    def __post_init__(self) -> None:
        if len(self.modifiers) > 4:
            raise X12WriteError("SV101 allows at most four modifiers")
        if not 1 <= len(self.diagnosis_pointers) <= 4:
            raise X12WriteError("SV107 needs one to four diagnosis pointers")
        if len(set(self.diagnosis_pointers)) != len(self.diagnosis_pointers):
            raise X12WriteError("SV107 diagnosis pointers must not repeat")
        if isinstance(self.charge, float) or isinstance(self.units, float):
            raise TypeError("SV102/SV104 must be Decimal, never float")
        if self.units <= 0:
            raise X12WriteError("SV104 units must be positive")


@dataclass(frozen=True, slots=True)
class OtherPayer:
    """Loops 2320 (SBR, CAS, AMT*D, OI), 2330A (other subscriber NM1*IL) and 2330B (NM1*PR).

    Present on secondary and tertiary claims for each payer that adjudicated before;
    `relationship` is SBR02 of the other subscriber to the patient ('18' self).
    """

    payer_responsibility: str
    relationship: str
    claim_filing_indicator: str
    subscriber_name: PersonName
    member_id: str
    payer: Payer
    paid_amount: Decimal
    adjustments: tuple[Adjustment, ...] = ()
    group_number: str = ""
    adjudication_date: dt.date | None = None

    def __post_init__(self) -> None:
        if self.payer_responsibility not in {"P", "S", "T"}:
            raise X12WriteError("2320 SBR01 payer responsibility must be P, S or T")


@dataclass(frozen=True, slots=True)
class Claim:
    """Loop 2300 with its 2310x providers, 2320 other payers and 2400 lines.

    CLM01 patient control number (our claim id), CLM02 total (the sum of SV102), CLM05
    place of service : 'B' : frequency (1 original, 7 replacement, 8 void), CLM06 provider
    signature, CLM07 assignment (A/B/C), CLM08 benefits assignment, CLM09 release of
    information (Y/I). REF*F8 (payer's original claim number) is required for 7 and 8.
    """

    patient_control_number: str
    subscriber: Subscriber
    payer: Payer
    place_of_service: str
    diagnoses: tuple[str, ...]
    lines: tuple[ServiceLine, ...]
    patient: Patient | None = None
    frequency_code: str = "1"
    provider_signature: str = "Y"
    assignment: str = "A"
    benefits_assignment: str = "Y"
    release_of_information: str = "Y"
    prior_authorization: str = ""
    original_claim_number: str = ""
    rendering_provider: Provider | None = None
    supervising_provider: Provider | None = None
    service_facility: Facility | None = None
    other_payers: tuple[OtherPayer, ...] = ()

    def __post_init__(self) -> None:
        if self.frequency_code not in {"1", "7", "8"}:
            raise X12WriteError("CLM05-3 frequency code must be 1, 7 or 8")
        if self.frequency_code in {"7", "8"} and not self.original_claim_number:
            raise X12WriteError("REF*F8 original claim number is required for frequency 7 and 8")
        if not 1 <= len(self.diagnoses) <= 12:
            raise X12WriteError("HI needs one to twelve diagnoses")
        if not 1 <= len(self.lines) <= 50:
            raise X12WriteError("an 837P claim has one to fifty service lines")
        if any(p > len(self.diagnoses) for line in self.lines for p in line.diagnosis_pointers):
            raise X12WriteError("SV107 points past the last HI diagnosis")
        if not 1 <= len(self.patient_control_number) <= 38:
            raise X12WriteError("CLM01 patient control number must be 1 to 38 characters")
        other_ids = {op.payer.payer_id for op in self.other_payers}
        if any(a.payer_id not in other_ids for line in self.lines for a in line.adjudications):
            raise X12WriteError("2430 SVD01 must match a 2330B other payer id")
        if self.subscriber.payer_responsibility != "P" and not self.other_payers:
            raise X12WriteError("a secondary or tertiary claim needs the earlier payers (loop 2320)")

    @property
    def total_charge(self) -> Decimal:
        """CLM02: the guide requires the sum of the line charges (SV102)."""
        return sum((line.charge for line in self.lines), Decimal(0))


@dataclass(frozen=True, slots=True)
class BillingGroup:
    """One 2000A billing provider HL and the claims billed under it."""

    billing_provider: BillingProvider
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Transaction837P:
    """One ST..SE: submitter, receiver and billing groups. `control_number` is ST02/SE02;
    `reference_id` is BHT03 (defaults to the control number)."""

    control_number: int
    submitter: Submitter
    receiver: Receiver
    billing_groups: tuple[BillingGroup, ...]
    reference_id: str = ""
