"""A small 835 writer for tests: specs in, X12 bytes out (never imported by src).

Why in tests: the payer simulator must not share code with the reader it judges, and
bhbilling never writes 835s, so this writer lives beside the tests that need files. It
takes its own plain specs (not the reader's model), so a reader bug cannot be mirrored
here; `test_make835_pyx12.py` proves its output valid with pyx12. Segments follow
005010X221A1: BPR TRN REF*EV DTM*405, 1000A N1*PR N3 N4 PER*BL, 1000B N1*PE N3 N4 REF*TJ [RDM],
LX, then per claim CLP CAS NM1*QC [NM1*IL] [NM1*TT] [NM1*82] [MOA] [REF*F8] DTM*232/233
[AMT*AU], per line SVC DTM*472 CAS REF*6R AMT*B6 LQ*HE, then PLB.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.x12.envelope import ge, gs, iea, isa, se, transaction_control_number
from bhbilling.x12.syntax import DEFAULT_DELIMITERS, Delimiters, x12_date, x12_money

DOS = dt.date(2026, 5, 15)
PAID_ON = dt.date(2026, 6, 1)
PAYEE_NPI = "1234567893"
Cas = tuple[str, str, str]  # (group, reason, amount)


@dataclass
class LineSpec:
    code: str
    charge: str
    paid: str
    adjustments: list[Cas] = field(default_factory=list)
    modifiers: tuple[str, ...] = ()
    units: str = "1"
    date: dt.date = DOS
    control: str = ""
    remarks: tuple[str, ...] = ()
    allowed: str = ""
    original_code: str = ""


@dataclass
class ClaimSpec:
    pcn: str
    charge: str
    paid: str
    status: str = "1"
    patient_responsibility: str = ""
    payer_claim: str = "PCLM0001"
    adjustments: list[Cas] = field(default_factory=list)
    lines: list[LineSpec] = field(default_factory=list)
    patient: tuple[str, str] = ("DOE", "JANE")
    member_id: str = "W123456789"
    insured: tuple[str, str] | None = None
    crossover_carrier: str = ""
    original_claim: str = ""
    moa_remarks: tuple[str, ...] = ()
    coverage: str = ""


@dataclass
class RemitSpec:
    claims: list[ClaimSpec]
    plb: list[tuple[str, str, str]] = field(default_factory=list)  # (reason, reference, amount)
    payment: str | None = None  # BPR02; None = balanced (sum CLP04 - sum PLB)
    handling: str = "I"
    method: str = "CHK"
    credit_debit: str = "C"
    trace: str = "EFT0001"
    payer_tin: str = "1512345678"
    payer_name: str = "ACME HEALTH PLAN"
    payee_name: str = "BRIGHT MIND CLINIC"
    delivery: str = ""  # RDM*BM name, when the paper remittance goes elsewhere


def balanced_payment(spec: RemitSpec) -> Decimal:
    total = sum((Decimal(c.paid) for c in spec.claims), Decimal(0))
    return total - sum((Decimal(p[2]) for p in spec.plb), Decimal(0))


def _cas(d: Delimiters, items: list[Cas]) -> list[str]:
    """One CAS per group, at most six triplets each (a seventh starts a new CAS)."""
    out: list[str] = []
    groups: dict[str, list[Cas]] = {}
    for item in items:
        groups.setdefault(item[0], []).append(item)
    for group, triplets in groups.items():
        for start in range(0, len(triplets), 6):
            elements: list[str] = []
            for _, reason, amount in triplets[start:start + 6]:
                elements += [reason, x12_money(amount), ""]
            out.append(d.build("CAS", group, *elements))
    return out


def _line(d: Delimiters, line: LineSpec) -> list[str]:
    proc = ("HC", line.code, *line.modifiers)
    original = ("HC", line.original_code) if line.original_code else None
    segs = [d.build("SVC", proc, x12_money(line.charge), x12_money(line.paid), None,
                    line.units if line.units != "1" or original else None, original),
            d.build("DTM", "472", x12_date(line.date)), *_cas(d, line.adjustments)]
    if line.control:
        segs.append(d.build("REF", "6R", line.control))
    if line.allowed:
        segs.append(d.build("AMT", "B6", x12_money(line.allowed)))
    segs += [d.build("LQ", "HE", code) for code in line.remarks]
    return segs


def _claim(d: Delimiters, claim: ClaimSpec) -> list[str]:
    resp = x12_money(claim.patient_responsibility) if claim.patient_responsibility else None
    segs = [d.build("CLP", claim.pcn, claim.status, x12_money(claim.charge), x12_money(claim.paid),
                    resp, "12", claim.payer_claim, "11", "1"),
            *_cas(d, claim.adjustments),
            d.build("NM1", "QC", "1", claim.patient[0], claim.patient[1], None, None, None, "MI",
                    claim.member_id)]
    if claim.insured:
        segs.append(d.build("NM1", "IL", "1", *claim.insured, None, None, None, "MI",
                            claim.member_id))
    if claim.crossover_carrier:
        segs.append(d.build("NM1", "TT", "2", claim.crossover_carrier, None, None, None, None,
                            "PI", "SECOND01"))
    segs.append(d.build("NM1", "82", "1", "SMITH", "ANN", None, None, None, "XX", "1245319599"))
    if claim.moa_remarks:
        segs.append(d.build("MOA", None, None, *claim.moa_remarks))
    if claim.original_claim:
        segs.append(d.build("REF", "F8", claim.original_claim))
    first = min((line.date for line in claim.lines), default=DOS)
    segs += [d.build("DTM", "232", x12_date(first)), d.build("DTM", "233", x12_date(first))]
    if claim.coverage:
        segs.append(d.build("AMT", "AU", x12_money(claim.coverage)))
    for line in claim.lines:
        segs += _line(d, line)
    return segs


def transaction(spec: RemitSpec, control: int = 1, d: Delimiters = DEFAULT_DELIMITERS) -> list[str]:
    """ST..SE of one 835, as segments without terminators."""
    payment = Decimal(spec.payment) if spec.payment is not None else balanced_payment(spec)
    segs = [d.build("ST", "835", transaction_control_number(control)),  # ST03 is "not used" in X221A1
            d.build("BPR", spec.handling, x12_money(payment), spec.credit_debit, spec.method,
                    *([None] * 11), x12_date(PAID_ON)),
            d.build("TRN", "1", spec.trace, spec.payer_tin),
            d.build("REF", "EV", "BHBILLING"), d.build("DTM", "405", x12_date(PAID_ON)),
            d.build("N1", "PR", spec.payer_name), d.build("N3", "PO BOX 100"),
            d.build("N4", "SPRINGFIELD", "IL", "627010001"),
            d.build("PER", "BL", "EDI SUPPORT", "TE", "8005551212"),
            d.build("N1", "PE", spec.payee_name, "XX", PAYEE_NPI), d.build("N3", "1 MAIN ST"),
            d.build("N4", "SPRINGFIELD", "IL", "627010002"), d.build("REF", "TJ", "371234567")]
    if spec.delivery:
        segs.append(d.build("RDM", "BM", spec.delivery))
    segs.append(d.build("LX", "1"))
    for claim in spec.claims:
        segs += _claim(d, claim)
    for start in range(0, len(spec.plb), 6):
        pairs: list[object] = []
        for reason, reference, amount in spec.plb[start:start + 6]:
            pairs += [(reason, reference or None), x12_money(amount)]
        segs.append(d.build("PLB", PAYEE_NPI, "20261231", *pairs))  # type: ignore[arg-type]
    segs.append(se(len(segs) + 1, control, d))
    return segs


def write_835(specs: list[RemitSpec], *, d: Delimiters = DEFAULT_DELIMITERS, newline: str = "",
              interchange: int = 1) -> bytes:
    """An interchange with one HP group holding one 835 per spec."""
    created = dt.datetime(2026, 6, 1, 12, 0)
    segs = [isa(sender_id="PAYER01", receiver_id="CLINIC01", control_number=interchange,
                created=created, test=False, delimiters=d),
            gs(functional_id="HP", sender_code="PAYER01", receiver_code="CLINIC01",
               created=created, control_number=interchange, version="005010X221A1", delimiters=d)]
    for n, spec in enumerate(specs, start=1):
        segs += transaction(spec, n, d)
    segs += [ge(len(specs), interchange, d), iea(1, interchange, d)]
    return ((d.segment + newline).join(segs) + d.segment + newline).encode()


def simple_claim(pcn: str = "PCN001", charge: str = "200", co: str = "40", pr: str = "20",
                 **kw: object) -> ClaimSpec:
    """A balanced one-line 90837 claim: paid = charge - CO-45 - PR-2."""
    paid = str(Decimal(charge) - Decimal(co) - Decimal(pr))
    line = LineSpec("90837", charge, paid, [("CO", "45", co), ("PR", "2", pr)], modifiers=("95",),
                    control=f"{pcn}-1", allowed=str(Decimal(charge) - Decimal(co)),
                    remarks=("N130",))
    return ClaimSpec(pcn, charge, paid, patient_responsibility=pr, lines=[line], **kw)  # type: ignore[arg-type]
