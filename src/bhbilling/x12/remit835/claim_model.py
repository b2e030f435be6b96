"""Claim payments of an 835 (005010X221A1 loops 2100 and 2110), as frozen values.

Model:
- `ClaimPayment` is one 2100 loop: CLP (our patient control number, status, charge, paid,
  patient responsibility, filing indicator, the payer's claim number), its claim-level CAS
  triplets, the NM1 names, MIA/MOA, REF, DTM, PER, AMT and QTY, and its service lines.
- `ServicePayment` is one 2110 loop: SVC (procedure as paid, charge, paid, units, and the
  procedure as submitted when the payer changed it), DTM*472/150/151, CAS, REF*6R (our line
  control number, echoed from the 837P) and other REF, AMT (B6 allowed) and LQ remarks.
- Every CAS triplet becomes one `Adjustment` carrying its group (CO, PR, OA, PI, CR), so a
  poster can sum by group without knowing that one CAS holds up to six reasons.
- Money is `Decimal` with two places. Names and member ids are PHI: they are left out of
  `repr` so a logged claim never shows them.
- Fields the payer did not send are "", None or (). `index` (1-based position of the claim
  in its transaction) and `number` (1-based line within the claim) locate a claim without
  naming the patient; `segment_number` points into the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "Adjustment", "Amount", "ClaimPayment", "Contact", "EntityName", "MedicareRemarks",
    "ProcedureCode", "Quantity", "Reference", "Remark", "ServicePayment",
]

REVERSAL = "22"
CROSSOVER_STATUSES = frozenset({"19", "20", "21", "23"})


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One CAS triplet: CAS01 group, reason (CARC) and amount; positive lowers the payment."""

    group: str
    reason: str
    amount: Decimal
    quantity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A REF segment: REF01 qualifier (6R line control, F8 original claim, EV receiver...), REF02.
    REF02 can be PHI (1W member id, EA medical record number): not in repr."""

    qualifier: str
    value: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Amount:
    """An AMT segment (AU coverage amount, B6 allowed, KH late filing reduction...).
    Informational: AMT is never part of 835 balancing."""

    qualifier: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Quantity:
    """A QTY segment (CA covered days, ZK federal units...)."""

    qualifier: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class Remark:
    """An LQ segment: LQ01 "HE" (RARC, e.g. N130) or "RX" (NCPDP reject code), LQ02 the code."""

    qualifier: str
    code: str


@dataclass(frozen=True, slots=True)
class Contact:
    """A PER segment: PER01 function (BL technical, CX claims, IC information), PER02 name,
    and (qualifier, number) pairs from PER03..PER08 (TE phone, EM e-mail, UR web, FX, EX)."""

    function: str
    name: str = ""
    numbers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EntityName:
    """An NM1 of loop 2100: NM101 who (QC patient, IL insured, 74 corrected patient/insured,
    82 rendering provider, TT crossover carrier, PR corrected priority payer, GB other
    subscriber), NM102 1 person or 2 organization, name parts, NM108 qualifier, NM109 id.
    Name parts and id are PHI for people: not in repr."""

    entity: str
    kind: str
    last: str = field(default="", repr=False)  # NM103, or the organization name
    first: str = field(default="", repr=False)
    middle: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)
    id_qualifier: str = ""
    identifier: str = field(default="", repr=False)

    @property
    def display(self) -> str:
        """'LAST, FIRST M' for a person, the name for an organization."""
        given = " ".join(p for p in (self.first, self.middle) if p)
        name = f"{self.last}, {given}" if given else self.last
        return f"{name} {self.suffix}".strip()


@dataclass(frozen=True, slots=True)
class MedicareRemarks:
    """MIA (inpatient) or MOA (outpatient) adjudication, kept as sent: `elements` from
    position 1, and the remark codes found in MIA05/20-23 or MOA03-07."""

    segment_id: str
    elements: tuple[str, ...]
    remark_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProcedureCode:
    """SVC01 or SVC06 composite: qualifier (HC HCPCS/CPT, AD dental, NU revenue, ...), code,
    up to four modifiers and the payer's description (SVC01-7)."""

    qualifier: str
    code: str
    modifiers: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class ServicePayment:
    """Loop 2110: one service line as the payer adjudicated it.

    `units` is SVC05, or 1 when absent as the guide says; `original_procedure` (SVC06) is
    set only when the payer paid a code other than the one submitted (`procedure`).
    """

    number: int
    segment_number: int
    procedure: ProcedureCode
    charge: Decimal
    paid: Decimal
    units: Decimal
    revenue_code: str = ""
    original_procedure: ProcedureCode | None = None
    original_units: Decimal | None = None
    service_date: dt.date | None = None  # DTM*472
    service_start: dt.date | None = None  # DTM*150
    service_end: dt.date | None = None  # DTM*151
    adjustments: tuple[Adjustment, ...] = ()
    control_number: str = ""  # REF*6R, our 837P line control number
    references: tuple[Reference, ...] = ()  # every other REF (LU, 1S, APC, 0K, provider ids)
    amounts: tuple[Amount, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    remarks: tuple[Remark, ...] = ()

    @property
    def code(self) -> str:
        return self.procedure.code

    @property
    def modifiers(self) -> tuple[str, ...]:
        return self.procedure.modifiers

    @property
    def date(self) -> dt.date | None:
        """The date of service: DTM*472, else the start of the DTM*150/151 range."""
        return self.service_date or self.service_start

    @property
    def allowed(self) -> Decimal | None:
        """AMT*B6, the amount the payer allowed before patient responsibility."""
        return next((a.amount for a in self.amounts if a.qualifier == "B6"), None)


@dataclass(frozen=True, slots=True)
class ClaimPayment:
    """Loop 2100: one claim as adjudicated (CLP and what follows it up to its lines).

    CLP05 `patient_responsibility` is None when absent. `header_number` is the LX01 of the
    2000 loop the claim sits in ("" when the payer sent no LX). `institutional` keeps
    CLP10-CLP14 (admission type, DRG code, weight, discharge fraction) as sent; bhbilling
    bills professional claims and does not interpret them.
    """

    index: int
    segment_number: int
    patient_control_number: str
    status: str
    charge: Decimal
    paid: Decimal
    patient_responsibility: Decimal | None
    filing_indicator: str
    payer_claim_number: str
    facility_code: str = ""
    frequency: str = ""
    institutional: tuple[str, ...] = ()
    header_number: str = ""
    adjustments: tuple[Adjustment, ...] = ()
    patient: EntityName | None = None  # NM1*QC
    insured: EntityName | None = None  # NM1*IL
    corrected_name: EntityName | None = None  # NM1*74
    service_provider: EntityName | None = None  # NM1*82
    crossover_carrier: EntityName | None = None  # NM1*TT
    corrected_payer: EntityName | None = None  # NM1*PR
    other_subscriber: EntityName | None = None  # NM1*GB
    inpatient: MedicareRemarks | None = None  # MIA
    outpatient: MedicareRemarks | None = None  # MOA
    references: tuple[Reference, ...] = ()
    statement_from: dt.date | None = None  # DTM*232
    statement_to: dt.date | None = None  # DTM*233
    coverage_expiration: dt.date | None = None  # DTM*036
    received: dt.date | None = None  # DTM*050
    contacts: tuple[Contact, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    lines: tuple[ServicePayment, ...] = ()

    @property
    def is_reversal(self) -> bool:
        """CLP02 22: this claim takes back an earlier payment (amounts are negated)."""
        return self.status == REVERSAL

    @property
    def is_crossover(self) -> bool:
        """Forwarded to another payer: CLP02 19/20/21/23 or an NM1*TT crossover carrier."""
        return self.status in CROSSOVER_STATUSES or self.crossover_carrier is not None

    @property
    def all_adjustments(self) -> tuple[Adjustment, ...]:
        """Claim-level CAS then every line's CAS: together they balance the claim."""
        out = self.adjustments
        for line in self.lines:
            out += line.adjustments
        return out

    def reference(self, qualifier: str) -> str:
        """The first REF02 with this REF01 (F8 original claim number, EA medical record...)."""
        return next((r.value for r in self.references if r.qualifier == qualifier), "")
