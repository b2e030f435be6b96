"""Typed content of a 277CA claim acknowledgment (005010X214) or a 277 claim status
response (005010X212), as the payer or clearinghouse wrote it.

Model (both guides share the HL tree; section 2.4 of each):
- HL 20 information source (payer, or clearinghouse AY), 21 information receiver (the
  submitter), 19 billing provider / provider of service; then the claims: under HL PT
  (patient, 277CA) or HL 22 subscriber and HL 23 dependent (277). Levels 20, 21 and 19
  become `PartyStatus` (NM1, the 2200x TRN trace, STC, QTY/AMT totals, REF ids).
- `ClaimStatus` is one 2200D/2200E loop: TRN*2 (our CLM01 in a 277CA; the trace we sent
  in the 276, which is also our CLM01, in a 277), its STC segments, REF*1K (the payer's
  claim number), REF*D9, REF*EJ, REF*BLT, DTP*472 and the 2220 `LineStatus` loops (SVC,
  STC, REF*FJ our line control number, DTP*472).
- `Status` is one STC: up to three status composites (STC01, STC10, STC11) of category
  (code source 507: A1 received, A2 accepted, A3/A6/A7/A8 rejected, P pending, F
  finalized...), status (code source 508) and entity; STC02 date, STC03 action (WQ accept,
  U reject), STC04 charge, STC05 paid, STC06 adjudication date, STC08/09 remittance date
  and trace, STC12 free text.
Names and member ids are PHI: they are left out of repr.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "ACKNOWLEDGMENT", "REJECTED_CATEGORIES", "STATUS_RESPONSE", "ClaimStatus", "ClaimStatusResponse",
    "Entity", "LineStatus", "PartyStatus", "Status", "StatusCode",
]

ACKNOWLEDGMENT = "005010X214"  # 277CA
STATUS_RESPONSE = "005010X212"  # 277 answering a 276
# 507 categories meaning "not entered into adjudication" (277CA) or "error in the request".
REJECTED_CATEGORIES = frozenset({"A3", "A6", "A7", "A8", "E3", "E4"})


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One C043 composite: category (507), status (508), entity (98), code list ('RX')."""

    category: str
    code: str
    entity: str = ""
    code_list: str = ""

    def __str__(self) -> str:
        return ":".join(p for p in (self.category, self.code, self.entity) if p)


@dataclass(frozen=True, slots=True)
class Status:
    """One STC segment."""

    codes: tuple[StatusCode, ...]
    segment_number: int
    effective_date: dt.date | None = None
    action: str = ""
    charge: Decimal | None = None
    paid: Decimal | None = None
    adjudicated: dt.date | None = None
    remittance_date: dt.date | None = None
    remittance_trace: str = ""
    message: str = ""

    @property
    def category(self) -> str:
        return self.codes[0].category

    @property
    def code(self) -> str:
        return self.codes[0].code

    @property
    def rejected(self) -> bool:
        return any(c.category in REJECTED_CATEGORIES for c in self.codes)


@dataclass(frozen=True, slots=True)
class Entity:
    """An NM1: entity code (PR, AY, 41, 85, 1P, IL, QC), type, names, id qualifier and id."""

    code: str
    kind: str
    last_or_organization: str = field(repr=False)
    first: str = field(default="", repr=False)
    middle: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)
    id_qualifier: str = ""
    id: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class PartyStatus:
    """HL 20, 21 or 19 with its NM1 and 2200 loop (TRN, STC, QTY, AMT, REF, DTP)."""

    level: str  # HL03: 20 source, 21 receiver, 19 provider
    hl: str
    segment_number: int
    entity: Entity | None = None
    trace: str = ""
    statuses: tuple[Status, ...] = ()
    quantities: tuple[tuple[str, Decimal], ...] = ()  # QTY 90/AA/QA/QC
    amounts: tuple[tuple[str, Decimal], ...] = ()  # AMT YU accepted / YY rejected
    references: tuple[tuple[str, str], ...] = ()
    dates: tuple[tuple[str, dt.date], ...] = ()  # DTP*050 receipt, DTP*009 process

    def quantity(self, qualifier: str) -> Decimal | None:
        return next((q for k, q in self.quantities if k == qualifier), None)

    def amount(self, qualifier: str) -> Decimal | None:
        return next((a for k, a in self.amounts if k == qualifier), None)


@dataclass(frozen=True, slots=True)
class LineStatus:
    """Loop 2220D/E: SVC (procedure, charge, paid, units), STC, REF*FJ, DTP*472."""

    procedure: str
    modifiers: tuple[str, ...]
    charge: Decimal | None
    segment_number: int
    qualifier: str = "HC"
    paid: Decimal | None = None
    revenue_code: str = ""
    units: Decimal | None = None
    statuses: tuple[Status, ...] = ()
    line_control_number: str = ""
    service_period: tuple[dt.date, dt.date] | None = None


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """Loop 2200D/E: the status of one claim, found by our patient control number."""

    patient_control_number: str
    level: str  # HL03 of the level holding it: PT (277CA), 22 or 23 (277)
    segment_number: int
    statuses: tuple[Status, ...] = ()
    payer_claim_number: str = ""  # REF*1K
    clearinghouse_trace: str = ""  # REF*D9
    patient_control_reference: str = ""  # REF*EJ
    bill_type: str = ""  # REF*BLT
    service_period: tuple[dt.date, dt.date] | None = None
    lines: tuple[LineStatus, ...] = ()
    patient: Entity | None = None
    subscriber: Entity | None = None
    provider: Entity | None = None

    @property
    def rejected(self) -> bool:
        """Any STC in a rejected category (A3, A6, A7, A8 in a 277CA; E3/E4 errors)."""
        return any(s.rejected for s in self.statuses)

    @property
    def accepted(self) -> bool:
        """Accepted into adjudication (A1/A2/A5 in a 277CA) and not rejected."""
        return not self.rejected and any(c.category in {"A1", "A2", "A5"}
                                         for s in self.statuses for c in s.codes)

    @property
    def status(self) -> Status | None:
        """The first STC (the current status; later ones add detail)."""
        return self.statuses[0] if self.statuses else None


@dataclass(frozen=True, slots=True)
class ClaimStatusResponse:
    """One 277 transaction set (005010X214 277CA or 005010X212 277)."""

    file: str | None
    version: str
    control_number: str
    reference: str  # BHT03
    created: dt.date | None  # BHT04
    transaction_type: str  # BHT06: TH acknowledgment, DG response
    parties: tuple[PartyStatus, ...] = ()
    claims: tuple[ClaimStatus, ...] = ()

    @property
    def is_acknowledgment(self) -> bool:
        return self.version == ACKNOWLEDGMENT

    def claim(self, patient_control_number: str) -> ClaimStatus | None:
        return next((c for c in self.claims if c.patient_control_number == patient_control_number), None)
