"""An 835 remittance (005010X221A1), one ST..SE transaction, as frozen values.

Model:
- `RemittanceHeader` is table 1 of the guide: BPR (the payment: handling, amount,
  credit/debit, method, date), TRN (the reassociation trace: check or EFT trace number and
  the payer's originating company id), CUR, REF*EV/F2, DTM*405, loop 1000A (N1*PR payer,
  N3, N4, REF, PER) and loop 1000B (N1*PE payee, N3, N4, REF, RDM), plus where it came
  from (file, ISA/GS/ST control numbers). Bank routing and account numbers (BPR05-15)
  are not kept: reassociation needs only the trace, amount and date.
- `Remittance` adds table 2 (LX `HeaderNumber`s and their `ClaimPayment`s, see
  `claim_model`) and table 3 (`ProviderAdjustment`: each PLB reason/amount pair).
- `RemittanceHeader.payment_key` is what makes posting idempotent: the same trace from
  the same payer posts once, and a reused trace with another amount is a conflict.
- A PLB amount is positive when money is taken back from the provider (a recoupment, a
  withhold) and negative when it is added (interest): BPR02 = sum(CLP04) - sum(PLB).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.x12.remit835.claim_model import (
    Adjustment,
    Amount,
    ClaimPayment,
    Contact,
    EntityName,
    MedicareRemarks,
    ProcedureCode,
    Quantity,
    Reference,
    Remark,
    ServicePayment,
)

__all__ = [
    "Address", "Adjustment", "Amount", "ClaimPayment", "Contact", "EntityName", "HeaderNumber",
    "MedicareRemarks", "Payee", "Payer", "Payment", "ProcedureCode", "ProviderAdjustment",
    "Quantity", "Reference", "Remark", "Remittance", "RemittanceHeader", "ServicePayment", "Trace",
]


@dataclass(frozen=True, slots=True)
class Payment:
    """BPR: BPR01 handling (C payment with remittance, D payment only, H notification only,
    I remittance only, P prenotification, U/X split), BPR02 amount (never negative),
    BPR03 C credit / D debit, BPR04 method (ACH, BOP, CHK, FWT, NON), BPR05 format (CCP,
    CTX) and BPR16 the check issue or EFT effective date."""

    handling: str
    amount: Decimal
    credit_debit: str
    method: str
    date: dt.date
    format: str = ""

    @property
    def signed_amount(self) -> Decimal:
        """BPR02 as money to the provider: negative for a debit (BPR03 "D")."""
        return -self.amount if self.credit_debit == "D" else self.amount


@dataclass(frozen=True, slots=True)
class Trace:
    """TRN: TRN01 "1" (current transaction trace numbers), TRN02 the check or EFT trace
    number, TRN03 the payer's originating company id ("1" + TIN), TRN04 a sub-division."""

    type: str
    number: str
    originator: str
    supplemental: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """N3 street lines and N4 city, state, postal code, country (a payer's or payee's)."""

    line1: str
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Payer:
    """Loop 1000A: N1*PR name, N103/N104 id (XV CMS plan id) when sent, N3/N4, REF (2U
    payer id, EO, HI, NF) and PER contacts (CX claims, BL technical, IC web site)."""

    name: str
    id_qualifier: str = ""
    id: str = ""
    address: Address | None = None
    references: tuple[Reference, ...] = ()
    contacts: tuple[Contact, ...] = ()

    @property
    def identifier(self) -> str:
        """REF*2U (the payer id) when sent, else N104."""
        return next((r.value for r in self.references if r.qualifier == "2U"), self.id)


@dataclass(frozen=True, slots=True)
class Payee:
    """Loop 1000B: N1*PE name, N103 (XX NPI, FI TIN, XV plan id) and N104, N3/N4, REF (TJ
    TIN, PQ payee id, 0B licence, D3 NCPDP) and RDM (remittance delivery) as sent."""

    name: str
    id_qualifier: str
    id: str
    address: Address | None = None
    references: tuple[Reference, ...] = ()
    delivery: tuple[str, ...] = ()

    @property
    def npi(self) -> str:
        return self.id if self.id_qualifier == "XX" else ""

    @property
    def tin(self) -> str:
        """N104 when N103 is FI, else REF*TJ."""
        if self.id_qualifier == "FI":
            return self.id
        return next((r.value for r in self.references if r.qualifier == "TJ"), "")


@dataclass(frozen=True, slots=True)
class HeaderNumber:
    """Loop 2000: LX01 (a number grouping claims, e.g. by bill type) with TS3 (provider
    summary) and TS2 (Medicare Part A supplemental summary) elements kept as sent."""

    number: str
    segment_number: int
    summary: tuple[str, ...] = ()
    supplemental_summary: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProviderAdjustment:
    """One reason/amount pair of a PLB: PLB01 provider id, PLB02 fiscal period date, the
    PLB03-1 reason (L6 interest, WO overpayment recovery, FB forwarding balance, 72
    authorized return, CS, J1...), PLB03-2 reference (often the claim's patient control
    number or the payer claim number) and PLB04 amount. `element` is "PLB03".."PLB13"."""

    provider_id: str
    fiscal_period_date: dt.date
    reason: str
    reference: str
    amount: Decimal
    segment_number: int
    element: str


@dataclass(frozen=True, slots=True)
class RemittanceHeader:
    """Table 1 of one 835 transaction, with its envelope: enough to reassociate the
    payment with the bank deposit before any claim is read."""

    file: str | None
    segment_number: int  # the ST
    control_number: str  # ST02
    interchange_control_number: str  # ISA13
    group_control_number: str  # GS06
    sender_id: str  # GS02
    receiver_id: str  # GS03
    usage: str  # ISA15: P production, T test
    version: str  # GS08
    payment: Payment
    trace: Trace
    payer: Payer
    payee: Payee
    currency: str = ""  # CUR02, when the payer sent one
    production_date: dt.date | None = None  # DTM*405
    references: tuple[Reference, ...] = ()  # REF*EV receiver id, REF*F2 version

    @property
    def receiver_identifier(self) -> str:
        return next((r.value for r in self.references if r.qualifier == "EV"), "")

    @property
    def payment_key(self) -> tuple[str, str, Decimal]:
        """(TRN02 trace number, TRN03 payer id, signed BPR02): one payment, posted once."""
        return (self.trace.number, self.trace.originator, self.payment.signed_amount)


@dataclass(frozen=True, slots=True)
class Remittance:
    """One 835 transaction: header, LX groups, claims in file order and PLB items."""

    header: RemittanceHeader
    claims: tuple[ClaimPayment, ...]
    header_numbers: tuple[HeaderNumber, ...] = ()
    provider_adjustments: tuple[ProviderAdjustment, ...] = ()

    @property
    def payment(self) -> Payment:
        return self.header.payment

    @property
    def trace(self) -> Trace:
        return self.header.trace

    @property
    def payer(self) -> Payer:
        return self.header.payer

    @property
    def payee(self) -> Payee:
        return self.header.payee

    @property
    def control_number(self) -> str:
        return self.header.control_number
