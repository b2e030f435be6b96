"""Read table 1 of an 835 (005010X221A1): BPR, TRN, CUR, REF, DTM*405, loops 1000A/1000B.

Order, as the guide sets it: ST, BPR, TRN, [CUR], [REF*EV], [REF*F2], [DTM*405], then
N1*PR [N3 N4 REF... PER...] and N1*PE [N3 N4 REF... RDM]. Segments before the first N1
may come in any order; after an N1 only that party's segments may follow. BPR, TRN,
N1*PR and N1*PE are required (and the payee's N103/N104 id: posting matches on it);
the payer's address and PER*BL, which the guide also requires, are accepted when absent
because no money depends on them.
"""

from __future__ import annotations

from bhbilling.x12.envelope_reader import Transaction
from bhbilling.x12.reader import Segment
from bhbilling.x12.remit835.claim_model import Contact, Reference
from bhbilling.x12.remit835.cursor import SegmentCursor
from bhbilling.x12.remit835.elements import (
    ZERO,
    amount,
    code,
    date,
    fail,
    missing_segment,
    padded,
    text,
    unexpected,
)
from bhbilling.x12.remit835.model import Address, Payee, Payer, Payment, RemittanceHeader, Trace

__all__ = ["contact", "read_header", "reference"]

HANDLING = frozenset({"C", "D", "H", "I", "P", "U", "X"})
CREDIT_DEBIT = frozenset({"C", "D"})
METHODS = frozenset({"ACH", "BOP", "CHK", "FWT", "NON"})
_CONTACT_FUNCTIONS = frozenset({"BL", "CX", "IC"})
_NUMBER_QUALIFIERS = frozenset({"EM", "EX", "FX", "TE", "UR"})
_PAYEE_ID = frozenset({"FI", "XV", "XX"})
_HEADER_END = frozenset({"LX", "CLP", "PLB", "SE"})
_BEFORE_N1 = "TRN, CUR, REF, DTM or N1"


def reference(seg: Segment) -> Reference:
    """REF01 qualifier, REF02 value (at most 50 characters)."""
    e = padded(seg, 4)
    qualifier = text(seg, e, 1, 3, required=True)
    return Reference(qualifier, text(seg, e, 2, 50, required=True))


def contact(seg: Segment) -> Contact:
    """PER01 function, PER02 name, then up to three (qualifier, number) pairs."""
    e = padded(seg, 9)
    function = code(seg, e, 1, _CONTACT_FUNCTIONS)
    numbers = []
    for pos in (3, 5, 7):
        if e[pos] or e[pos + 1]:
            qual = code(seg, e, pos, _NUMBER_QUALIFIERS)
            numbers.append((qual, text(seg, e, pos + 1, 256, required=True)))
    return Contact(function, text(seg, e, 2, 60), tuple(numbers))


def _payment(bpr: Segment) -> Payment:
    e = padded(bpr, 21)
    handling = code(bpr, e, 1, HANDLING, "a handling code (C, D, H, I, P, U or X)")
    value = amount(bpr, e, 2)
    if value < ZERO:
        raise fail(bpr, 2, "a payment amount of zero or more (BPR03 'D' marks a debit)",
                   "negative payment amount")
    credit = code(bpr, e, 3, CREDIT_DEBIT, "C (credit) or D (debit)")
    method = code(bpr, e, 4, METHODS, "a payment method (ACH, BOP, CHK, FWT or NON)")
    return Payment(handling, value, credit, method, date(bpr, e, 16), text(bpr, e, 5, 10))


def _trace(trn: Segment) -> Trace:
    e = padded(trn, 4)
    kind = code(trn, e, 1, ("1",), "'1' (current transaction trace numbers)")
    return Trace(kind, text(trn, e, 2, 50, required=True), text(trn, e, 3, 10, required=True),
                 text(trn, e, 4, 50))


def _address(n3: Segment | None, n4: Segment | None) -> Address | None:
    if n3 is None and n4 is None:
        return None
    a = padded(n3, 2) if n3 is not None else ("",) * 3
    b = padded(n4, 7) if n4 is not None else ("",) * 8
    line1 = text(n3, a, 1, 55, required=True) if n3 is not None else ""
    line2 = text(n3, a, 2, 55) if n3 is not None else ""
    if n4 is None:
        return Address(line1, line2)
    return Address(line1, line2, text(n4, b, 1, 30), text(n4, b, 2, 2), text(n4, b, 3, 15),
                   text(n4, b, 4, 3))


class _Party:
    """Segments gathered for one N1 loop until the next N1 or the end of table 1."""

    def __init__(self, n1: Segment) -> None:
        self.n1 = n1
        self.n3: Segment | None = None
        self.n4: Segment | None = None
        self.references: list[Reference] = []
        self.contacts: list[Contact] = []
        self.delivery: tuple[str, ...] = ()

    def add(self, seg: Segment) -> None:
        sid = seg.id
        if sid in ("N3", "N4"):
            if getattr(self, sid.lower()) is not None:
                raise unexpected(seg, f"one {sid} per N1 loop", "twice in one N1 loop")
            setattr(self, sid.lower(), seg)
        elif sid == "REF":
            self.references.append(reference(seg))
        elif sid == "PER" and self.n1[1] == "PR":
            self.contacts.append(contact(seg))
        elif sid == "RDM" and self.n1[1] == "PE" and not self.delivery:
            e = padded(seg, 3)
            self.delivery = (code(seg, e, 1, ("BM", "EM", "FT", "OL"), "BM, EM, FT or OL"),
                             text(seg, e, 2, 60), text(seg, e, 3, 256))
        else:
            allowed = "N3, N4, REF, PER" if self.n1[1] == "PR" else "N3, N4, REF, RDM"
            raise unexpected(seg, f"{allowed}, the next N1, LX, CLP, PLB or SE",
                             f"in the N1*{self.n1[1]} loop")

    def payer(self) -> Payer:
        e = padded(self.n1, 6)
        return Payer(text(self.n1, e, 2, 60, required=True), text(self.n1, e, 3, 2),
                     text(self.n1, e, 4, 80), _address(self.n3, self.n4),
                     tuple(self.references), tuple(self.contacts))

    def payee(self) -> Payee:
        e = padded(self.n1, 6)
        return Payee(text(self.n1, e, 2, 60, required=True),
                     code(self.n1, e, 3, _PAYEE_ID, "XX (NPI), FI (TIN) or XV"),
                     text(self.n1, e, 4, 80, required=True), _address(self.n3, self.n4),
                     tuple(self.references), self.delivery)


def read_header(c: SegmentCursor, tx: Transaction) -> RemittanceHeader:
    """Table 1, from ST up to (not including) the first LX, CLP, PLB or SE."""
    st = c.advance()
    if c.head is None or c.head.id != "BPR":
        raise missing_segment(c.head or st, "BPR (financial information)", "table 1")
    payment = _payment(c.advance())
    trace: Trace | None = None
    currency = ""
    production = None
    refs: list[Reference] = []
    parties: dict[str, _Party] = {}
    party: _Party | None = None
    while (seg := c.head) is not None and seg.id not in _HEADER_END:
        c.advance()
        sid = seg.id
        if sid == "N1":
            entity = code(seg, padded(seg, 6), 1, ("PR", "PE"), "PR (payer) or PE (payee)")
            if entity in parties:
                raise unexpected(seg, f"one N1*{entity} loop", "a second time")
            party = parties[entity] = _Party(seg)
        elif party is not None:
            party.add(seg)
        elif (sid == "TRN" and trace is not None) or (sid == "CUR" and currency) or (
                sid == "DTM" and production is not None):
            raise unexpected(seg, f"one {sid} in the header", "a second time")
        elif sid == "TRN":
            trace = _trace(seg)
        elif sid == "CUR":
            e = padded(seg, 21)
            code(seg, e, 1, ("PR",), "PR (payer)")
            currency = text(seg, e, 2, 3, required=True)
        elif sid == "REF":
            refs.append(reference(seg))
        elif sid == "DTM":
            e = padded(seg, 6)
            code(seg, e, 1, ("405",), "405 (production date)")
            production = date(seg, e, 2)
        else:
            raise unexpected(seg, _BEFORE_N1, "in the 835 header before the N1 loops")
    here = c.head or st
    if trace is None:
        raise missing_segment(here, "TRN (reassociation trace number)", "table 1")
    for entity, name in (("PR", "N1*PR (payer identification, loop 1000A)"),
                         ("PE", "N1*PE (payee identification, loop 1000B)")):
        if entity not in parties:
            raise missing_segment(here, name, "1000A" if entity == "PR" else "1000B")
    ic = tx.group.interchange
    return RemittanceHeader(
        file=st.file, segment_number=st.number, control_number=tx.control_number,
        interchange_control_number=ic.control_number, group_control_number=tx.group.control_number,
        sender_id=tx.group.sender, receiver_id=tx.group.receiver, usage=ic.usage,
        version=tx.group.version, payment=payment, trace=trace, payer=parties["PR"].payer(),
        payee=parties["PE"].payee(), currency=currency, production_date=production,
        references=tuple(refs))
