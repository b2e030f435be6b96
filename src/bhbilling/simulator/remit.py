"""Write the 835 health care claim payment/advice (005010X221A1) of one payer for one run.

The simulator is the only producer of 835s in the product's source; it shares no code
with the test helper that also writes them, so neither can hide the other's mistakes.
Structure (guide section 2.4), one ST per payee (billing provider NPI):
BPR (I = remittance with payment, ACH, CCP, payer's bank and company id "1"+TIN, payee's
bank, effective date; H/NON with a zero amount when nothing is paid) / TRN*1 EFT trace
number and "1"+TIN / DTM*405 / 1000A N1*PR, N3, N4, REF*2U payer id, PER*BL / 1000B N1*PE
(XX NPI), N3, N4, REF*TJ (EIN) / LX*1 / per claim 2100: CLP (our CLM01, status, charge,
paid, patient responsibility, CLP06 filing code, CLP07 payer claim number, CLP08 place
of service, CLP09 frequency), NM1*QC (and NM1*IL for a dependent), NM1*82 rendering,
DTM*050 received, AMT*I interest; per line 2110: SVC, DTM*472, CAS (one per group, six
triplets at most), REF*6R our line control number, AMT*B6 allowed, LQ*HE remarks / PLB
(provider NPI, 12/31 of the year, reason:reference and amount, six pairs a segment).
Balanced by construction: each line and claim balances (see adjudication.model), and
BPR02 = sum(CLP04) - sum(PLB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.simulator.adjudication.model import ZERO, ClaimOutcome, LineOutcome
from bhbilling.simulator.facts import ClaimFacts, ProviderFacts
from bhbilling.simulator.interchange import Interchange, build
from bhbilling.simulator.payerbook import Payer, PayerBook
from bhbilling.x12.syntax import x12_date, x12_decimal, x12_money, x12_name

__all__ = ["VERSION", "Payment", "ProviderAdjustment", "RemitClaim", "write_835"]

VERSION = "005010X221A1"


@dataclass(frozen=True, slots=True)
class RemitClaim:
    facts: ClaimFacts
    outcome: ClaimOutcome


@dataclass(frozen=True, slots=True)
class ProviderAdjustment:
    """One PLB pair: reason (L6 interest, WO overpayment recovery, FB forwarding balance),
    reference (the payer claim number), amount (positive takes money back)."""

    reason: str
    reference: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Payment:
    """One 835 transaction: everything paid to one payee by one trace."""

    payee_npi: str
    trace: str
    claims: tuple[RemitClaim, ...]
    adjustments: tuple[ProviderAdjustment, ...] = ()
    payee: ProviderFacts | None = None  # 1000B: the billing provider as our claims name it

    @property
    def total(self) -> Decimal:
        return (sum((c.outcome.paid for c in self.claims), ZERO)
                - sum((a.amount for a in self.adjustments), ZERO))


def _cas(line: LineOutcome) -> list[str]:
    groups: dict[str, list[str]] = {}
    for adj in line.adjustments:
        groups.setdefault(adj.group, []).append(adj)  # type: ignore[arg-type]
    out = []
    for group, adjs in groups.items():
        for start in range(0, len(adjs), 6):
            parts: list[str | None] = []
            for adj in adjs[start:start + 6]:
                qty = x12_decimal(adj.quantity) if adj.quantity is not None else None  # type: ignore[attr-defined]
                parts += [adj.reason, x12_money(adj.amount), qty]  # type: ignore[attr-defined]
            out.append(build("CAS", group, *parts))
    return out


def _line(line: LineOutcome) -> list[str]:
    units = x12_decimal(line.paid_units)
    billed = x12_decimal(line.units) if line.units != line.paid_units else None  # SVC07 when units were cut
    out = [build("SVC", ("HC", line.code, *line.modifiers), x12_money(line.charge), x12_money(line.paid),
                 None, units, None, billed),
           build("DTM", "472", x12_date(line.service_date)), *_cas(line),
           build("REF", "6R", line.control_number)]
    if not line.denied:
        out.append(build("AMT", "B6", x12_money(line.allowed)))
    out += [build("LQ", "HE", code) for code in line.remarks]
    return out


def _claim(item: RemitClaim) -> list[str]:
    f, o = item.facts, item.outcome
    pr = o.patient_responsibility
    out = [build("CLP", o.pcn, o.status, x12_money(o.charge), x12_money(o.paid),
                 x12_money(pr) if pr else None,
                 o.filing_code, o.icn, o.facility, o.frequency)]
    p = f.person
    names = (x12_name(p.last), x12_name(p.first) or None, x12_name(p.middle) or None, None,
             x12_name(p.suffix) or None)
    if f.patient is None:
        out.append(build("NM1", "QC", "1", *names, "MI", f.member_id))
    else:
        s = f.subscriber
        out.append(build("NM1", "QC", "1", *names))
        out.append(build("NM1", "IL", "1", x12_name(s.last), x12_name(s.first) or None,
                         x12_name(s.middle) or None, None, x12_name(s.suffix) or None, "MI", f.member_id))
    if f.rendering is not None:
        r = f.rendering
        out.append(build("NM1", "82", "1", x12_name(r.name), x12_name(r.first) or None, None, None, None,
                         "XX", r.npi))
    out.append(build("DTM", "050", x12_date(o.received)))
    if o.interest:
        out.append(build("AMT", "I", x12_money(o.interest)))
    for line in o.lines:
        out += _line(line)
    return out


def _plb(npi: str, today: dt.date, items: Sequence[ProviderAdjustment]) -> list[str]:
    out = []
    for start in range(0, len(items), 6):
        parts: list = []
        for adj in items[start:start + 6]:
            parts += [(adj.reason, adj.reference), x12_money(adj.amount)]
        out.append(build("PLB", npi, f"{today.year}1231", *parts))
    return out


def _body(payer: Payer, payment: Payment, book: PayerBook, today: dt.date) -> list[str]:
    first = payment.claims[0].facts if payment.claims else None
    total = payment.total
    payee = book.payee(payment.payee_npi)
    if total > 0:
        bpr = build("BPR", "I", x12_money(total), "C", "ACH", "CCP", "01", payer.bank_routing, "DA",
                    payer.bank_account, f"1{payer.tin}", None, "01", payee.routing, "DA", payee.account,
                    x12_date(today))
    else:
        bpr = build("BPR", "H", "0", "C", "NON", *([None] * 11), x12_date(today))
    a = payer.address
    out = [bpr, build("TRN", "1", payment.trace, f"1{payer.tin}"), build("DTM", "405", x12_date(today)),
           build("N1", "PR", x12_name(payer.name)), build("N3", x12_name(a.line1), x12_name(a.line2) or None),
           build("N4", x12_name(a.city), a.state, a.postal_code), build("REF", "2U", payer.payer_id),
           build("PER", "BL", "EDI SUPPORT", "TE", payer.phone)]
    b = payment.payee or (first.billing if first is not None else None)
    if b is not None:
        name = x12_name(f"{b.first} {b.name}" if b.person else b.name)
        out += [build("N1", "PE", name, "XX", b.npi),
                build("N3", x12_name(b.address[0]), x12_name(b.address[1]) or None),
                build("N4", x12_name(b.address[2]), b.address[3], b.address[4])]
        if b.ein:
            out.append(build("REF", "TJ", b.ein))
    else:
        out.append(build("N1", "PE", "PAYEE", "XX", payment.payee_npi))
    if payment.claims:
        out.append(build("LX", "1"))
        for item in payment.claims:
            out += _claim(item)
    out += _plb(payment.payee_npi, today, payment.adjustments)
    return out


def write_835(payer: Payer, payments: Sequence[Payment], *, book: PayerBook, receiver_id: str,
              receiver_qualifier: str, test: bool, control_number: int, today: dt.date) -> str:
    """One interchange from `payer` with one 835 transaction per payment (payee)."""
    ic = Interchange(functional_id="HP", version=VERSION, sender_id=payer.payer_id, receiver_id=receiver_id,
                     receiver_qualifier=receiver_qualifier, control_number=control_number, today=today,
                     test=test,
                     convention_in_st=False)
    for payment in payments:
        ic.add("835", _body(payer, payment, book, today))
    return ic.text()
