"""Read an 837P (005010X222A1) back into the typed objects of `model`.

Why: issue 4 asks that "our own reader reads each file back to the same claims" -- the
proof that what we send says what we meant. The reader walks the same structure the
writer emits (implementation guide section 2.4): ST/BHT, 1000A NM1*41 + PER*IC, 1000B
NM1*40, then HL levels 20 (2000A PRV*BI, 2010AA NM1*85 N3 N4 REF*EI, 2010AB NM1*87),
22 (2000B SBR, 2010BA NM1*IL, 2010BB NM1*PR) and 23 (2000C PAT, 2010CA NM1*QC), with the
2300 claims (REF*G1/F8, HI, 2310B/C/D, 2320/2330A/2330B, 2400 LX SV1 DTP*472 REF*6R,
2430 SVD CAS DTP*573) under the lowest HL.

HL02 must name the HL01 of an earlier HL one level up (20 <- 22 <- 23). A segment the
model does not carry (NTE, REF*D9, PWK...) is refused rather than dropped, so a file
never reads back as less than it says. Every problem raises `X12ValueError` (or the
envelope reader's `X12EnvelopeError`) naming file, segment number, id and element --
never IndexError or KeyError -- and the model's own rules (X12WriteError) are re-raised
located at the segment that opened the loop. CLM02 must equal the sum of SV102.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from bhbilling.x12.claim837p.model import (
    Address,
    Adjustment,
    BillingGroup,
    BillingProvider,
    Claim,
    Contact,
    Facility,
    LineAdjudication,
    OtherPayer,
    Patient,
    Payer,
    PersonName,
    Provider,
    Receiver,
    ServiceLine,
    Submitter,
    Subscriber,
    Transaction837P,
)
from bhbilling.x12.claim837p.writer import VERSION
from bhbilling.x12.envelope_reader import Transaction, iter_transactions
from bhbilling.x12.errors import (
    IK304_MISSING_SEGMENT,
    IK403_INVALID_CHARACTER,
    IK403_INVALID_CODE,
    IK403_INVALID_DATE,
    AckCode,
    X12ValueError,
)
from bhbilling.x12.reader import Segment, Source
from bhbilling.x12.values import X12WriteError

__all__ = ["read_837p"]

T = TypeVar("T")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


def _fail(seg: Segment, pos: int | None, expected: str, message: str = "",
          ack: AckCode | None = IK403_INVALID_CODE) -> X12ValueError:
    return seg.error(pos, expected, message=message, ack_code=ack)  # type: ignore[return-value]


def _build(seg: Segment, factory: Callable[..., T], *args: object, **kw: object) -> T:
    """Construct a model object; its own rule violations become errors located at `seg`."""
    try:
        return factory(*args, **kw)
    except (X12WriteError, TypeError) as exc:
        raise X12ValueError(str(exc), file=seg.file, segment_number=seg.number,
                            segment_id=seg.id) from None


class _Cursor:
    """Position in one transaction's segments; the SE trailer always follows the body."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = segments
        self.i = 0

    @property
    def current(self) -> Segment:
        return self.segments[min(self.i, len(self.segments) - 1)]

    def peek(self, sid: str, qual: str | None = None) -> Segment | None:
        if self.i >= len(self.segments):
            return None
        seg = self.segments[self.i]
        if seg.id != sid or (qual is not None and seg[1] != qual):
            return None
        return seg

    def opt(self, sid: str, qual: str | None = None) -> Segment | None:
        seg = self.peek(sid, qual)
        if seg is not None:
            self.i += 1
        return seg

    def take(self, sid: str, qual: str | None = None, loop: str = "") -> Segment:
        seg = self.opt(sid, qual)
        if seg is None:
            cur = self.current
            want = f"{sid}*{qual}" if qual else sid
            raise X12ValueError("required segment missing or segment out of order",
                                file=cur.file, segment_number=cur.number, segment_id=cur.id,
                                expected=f"{want}{' (loop ' + loop + ')' if loop else ''}",
                                found=cur.id, ack_code=IK304_MISSING_SEGMENT)
        return seg


def _number(seg: Segment, pos: int, what: str = "a decimal number") -> Decimal:
    value = seg.require(pos, what)
    if not _NUMBER.fullmatch(value):
        raise _fail(seg, pos, what, ack=IK403_INVALID_CHARACTER)
    return Decimal(value)


def _date(seg: Segment, pos: int) -> dt.date:
    value = seg.require(pos, "a date CCYYMMDD")
    try:
        if len(value) != 8 or not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise _fail(seg, pos, "a date CCYYMMDD", ack=IK403_INVALID_DATE) from None


def _code(seg: Segment, pos: int, allowed: Sequence[str]) -> str:
    value = seg[pos]
    if value not in allowed:
        raise _fail(seg, pos, " or ".join(repr(a) for a in allowed))
    return value


def _d8(seg: Segment) -> dt.date:
    """DTP02 'D8' then DTP03 CCYYMMDD (DTP*472 service date, DTP*573 adjudication date)."""
    _code(seg, 2, ("D8",))
    return _date(seg, 3)


def _person(nm1: Segment) -> PersonName:
    """NM102 '1' (person): NM103 last, NM104 first, NM105 middle, NM107 suffix."""
    _code(nm1, 2, ("1",))
    return PersonName(nm1.require(3, "a last name"), nm1[4], nm1[5], nm1[7])


def _ident(nm1: Segment, qual: str, *, optional: bool = False) -> str:
    """NM108 qualifier (XX NPI, MI member id, PI payer id, 46 ETIN) and NM109."""
    if optional and not nm1[8] and not nm1[9]:
        return ""
    _code(nm1, 8, (qual,))
    return nm1.require(9, "an identifier")


def _address(c: _Cursor, loop: str) -> Address:
    n3, n4 = c.take("N3", loop=loop), c.take("N4", loop=loop)
    return Address(n3.require(1, "an address line"), n4.require(1, "a city"), n4[2], n4[3], n3[2])


def _opt_address(c: _Cursor, loop: str) -> Address | None:
    return _address(c, loop) if c.peek("N3") else None


def _demographics(dmg: Segment) -> tuple[dt.date, str]:
    """DMG01 'D8', DMG02 birth date, DMG03 sex (M, F, U)."""
    _code(dmg, 1, ("D8",))
    return _date(dmg, 2), _code(dmg, 3, ("M", "F", "U"))


def _header(c: _Cursor) -> tuple[int, str, Submitter, Receiver]:
    """ST (837, 005010X222A1), BHT*0019*00, 1000A NM1*41 + PER*IC, 1000B NM1*40."""
    st = c.take("ST")
    _code(st, 1, ("837",))
    _code(st, 3, (VERSION,))
    bht = c.take("BHT")
    _code(bht, 1, ("0019",))
    reference = bht.require(3, "the originator's reference (BHT03)")
    nm41, per = c.take("NM1", "41", "1000A"), c.take("PER", "IC", "1000A")
    numbers: dict[str, str] = {}
    for pos in (3, 5, 7):
        if per[pos] or per[pos + 1]:
            numbers[_code(per, pos, ("TE", "EM"))] = per.require(pos + 1, "a phone number or email")
    contact = Contact(per[2], numbers.get("TE", ""), numbers.get("EM", ""))
    submitter = Submitter(nm41.require(3, "the submitter name"), _ident(nm41, "46"), contact)
    nm40 = c.take("NM1", "40", "1000B")
    receiver = Receiver(nm40.require(3, "the receiver name"), _ident(nm40, "46"))
    return int(st[2]), reference, submitter, receiver


def _billing_provider(c: _Cursor) -> BillingProvider:
    """2000A PRV*BI*PXC, 2010AA NM1*85 (person or organization) N3 N4 REF*EI, 2010AB NM1*87."""
    prv = c.take("PRV", "BI", "2000A")
    _code(prv, 2, ("PXC",))
    nm1 = c.take("NM1", "85", "2010AA")
    kind = _code(nm1, 2, ("1", "2"))
    address = _address(c, "2010AA")
    ein = c.take("REF", "EI", "2010AA").require(2, "the billing provider EIN")
    pay_to = _address(c, "2010AB") if c.opt("NM1", "87") else None
    return _build(nm1, BillingProvider, npi=_ident(nm1, "XX"), ein=ein,
                  taxonomy=prv.require(3, "a taxonomy code"), address=address,
                  organization_name=nm1.require(3, "a name") if kind == "2" else "",
                  person=_person(nm1) if kind == "1" else None, pay_to_address=pay_to)


def _subscriber(c: _Cursor) -> tuple[Subscriber, Payer]:
    """2000B SBR (SBR02 '18' or empty), 2010BA NM1*IL [N3 N4] [DMG], 2010BB NM1*PR [N3 N4]."""
    sbr = c.take("SBR", loop="2000B")
    _code(sbr, 2, ("18", ""))
    nm1 = c.take("NM1", "IL", "2010BA")
    address = _opt_address(c, "2010BA")
    dmg = c.opt("DMG")
    dob, sex = _demographics(dmg) if dmg is not None else (None, "")
    subscriber = _build(sbr, Subscriber, sbr.require(1, "P, S or T"), _ident(nm1, "MI"),
                        sbr.require(9, "a claim filing indicator"), _person(nm1), address, dob, sex,
                        sbr[3])
    pr = c.take("NM1", "PR", "2010BB")
    return subscriber, Payer(pr.require(3, "the payer name"), _ident(pr, "PI"), _opt_address(c, "2010BB"))


def _patient(c: _Cursor) -> Patient:
    """2000C PAT01 relationship, 2010CA NM1*QC, N3, N4, DMG."""
    pat = c.take("PAT", loop="2000C")
    nm1 = c.take("NM1", "QC", "2010CA")
    address = _address(c, "2010CA")
    dob, sex = _demographics(c.take("DMG", loop="2010CA"))
    return _build(pat, Patient, pat.require(1, "a relationship code"), _person(nm1), address, dob, sex)


def _adjustments(c: _Cursor) -> tuple[Adjustment, ...]:
    """CAS: group code then up to six reason/amount/quantity triplets."""
    out: list[Adjustment] = []
    while (cas := c.opt("CAS")) is not None:
        group = cas.require(1, "a group code")
        for k in range(6):
            reason_pos = 2 + 3 * k
            if not any(cas[reason_pos + j] for j in range(3)):
                if k == 0:
                    cas.require(2, "a reason code")
                break
            qty = _number(cas, reason_pos + 2, "a quantity") if cas[reason_pos + 2] else None
            out.append(_build(cas, Adjustment, group, cas.require(reason_pos, "a reason code"),
                              _number(cas, reason_pos + 1, "a decimal amount"), qty))
    return tuple(out)


def _other_payer(c: _Cursor) -> OtherPayer:
    """2320 SBR CAS AMT*D OI, 2330A NM1*IL, 2330B NM1*PR [DTP*573]."""
    sbr = c.take("SBR", loop="2320")
    adjustments = _adjustments(c)
    paid = _number(c.take("AMT", "D", "2320"), 2, "a decimal amount")
    c.take("OI", loop="2320")  # OI03/OI06 (assignment, release) are not modelled per payer
    il = c.take("NM1", "IL", "2330A")
    pr = c.take("NM1", "PR", "2330B")
    dtp = c.opt("DTP", "573")
    return _build(sbr, OtherPayer, sbr.require(1, "P, S or T"), sbr.require(2, "a relationship code"),
                  sbr.require(9, "a claim filing indicator"), _person(il), _ident(il, "MI"),
                  Payer(pr.require(3, "the payer name"), _ident(pr, "PI")), paid, adjustments,
                  sbr[3], _d8(dtp) if dtp is not None else None)


def _procedure(seg: Segment, pos: int) -> tuple[str, tuple[str, ...]]:
    """A composite HC:code[:modifier...] (SV101, SVD03)."""
    parts = seg.components(pos)
    if len(parts) < 2 or parts[0] != "HC" or not parts[1]:
        raise _fail(seg, pos, "HC:procedure code[:modifiers]")
    return parts[1], tuple(parts[2:])


def _line(c: _Cursor, number: int) -> ServiceLine:
    """2400 LX SV1 DTP*472 REF*6R, then 2430 SVD CAS DTP*573 per earlier payer."""
    lx = c.take("LX", loop="2400")
    if lx[1] != str(number):
        raise _fail(lx, 1, f"line number {number}")
    sv1 = c.take("SV1", loop="2400")
    code, modifiers = _procedure(sv1, 1)
    charge = _number(sv1, 2, "a decimal amount")
    _code(sv1, 3, ("UN",))
    units = _number(sv1, 4, "a unit count")
    pointers = sv1.components(7)
    if not all(p.isascii() and p.isdigit() and 1 <= int(p) <= 12 for p in pointers):
        raise _fail(sv1, 7, "diagnosis pointers 1 to 12")
    date = _d8(c.take("DTP", "472", "2400"))
    control = c.take("REF", "6R", "2400").require(2, "a line control number")
    adjudications: list[LineAdjudication] = []
    while (svd := c.opt("SVD")) is not None:
        adj_code, adj_mods = _procedure(svd, 3)
        paid, adj_units = _number(svd, 2, "a decimal amount"), _number(svd, 5, "a unit count")
        adjustments = _adjustments(c)
        adj_date = _d8(c.take("DTP", "573", "2430"))
        adjudications.append(LineAdjudication(svd.require(1, "the payer id"), paid, adj_code, adj_units,
                                              adj_date, adj_mods, adjustments))
    return _build(sv1, ServiceLine, code, charge, units, date, tuple(int(p) for p in pointers), control,
                  modifiers, sv1[5], tuple(adjudications))


def _diagnoses(hi: Segment) -> tuple[str, ...]:
    """HI01 ABK:code (principal), HI02..HI12 ABF:code."""
    codes: list[str] = []
    for pos in range(1, len(hi) + 1):
        parts = hi.components(pos)
        want = "ABK" if pos == 1 else "ABF"
        if len(parts) != 2 or parts[0] != want or not parts[1]:
            raise _fail(hi, pos, f"{want}:diagnosis code")
        codes.append(parts[1])
    return tuple(codes)


def _claim(c: _Cursor, subscriber: Subscriber, payer: Payer, patient: Patient | None) -> Claim:
    """2300 CLM [REF*G1] [REF*F8] HI, 2310B/C/D, 2320.., 2400..; CLM02 checked against SV102."""
    clm = c.take("CLM", loop="2300")
    total = _number(clm, 2, "a decimal amount")
    place = clm.components(5)
    if len(place) != 3 or place[1] != "B" or not place[0]:
        raise _fail(clm, 5, "place of service:B:frequency code")
    prior, original = c.opt("REF", "G1"), c.opt("REF", "F8")
    diagnoses = _diagnoses(c.take("HI", loop="2300"))
    rendering = supervising = facility = None
    if (nm1 := c.opt("NM1", "82")) is not None:
        prv = c.opt("PRV", "PE")
        if prv is not None:
            _code(prv, 2, ("PXC",))
        rendering = Provider(_ident(nm1, "XX"), _person(nm1), prv.require(3, "a taxonomy") if prv else "")
    if (nm1 := c.opt("NM1", "77")) is not None:
        _code(nm1, 2, ("2",))
        facility = Facility(nm1.require(3, "a facility name"), _address(c, "2310C"),
                            _ident(nm1, "XX", optional=True))
    if (nm1 := c.opt("NM1", "DQ")) is not None:
        supervising = Provider(_ident(nm1, "XX"), _person(nm1))
    others: list[OtherPayer] = []
    while c.peek("SBR"):
        others.append(_other_payer(c))
    lines = [_line(c, 1)]
    while c.peek("LX"):
        lines.append(_line(c, len(lines) + 1))
    claim = _build(clm, Claim, clm.require(1, "a patient control number"), subscriber, payer, place[0],
                   diagnoses, tuple(lines), patient, place[2], clm[6], clm[7], clm[8], clm[9],
                   prior.require(2, "an authorization number") if prior else "",
                   original.require(2, "the payer claim number") if original else "",
                   rendering, supervising, facility, tuple(others))
    if claim.total_charge != total:
        raise _fail(clm, 2, f"the sum of the SV102 line charges ({claim.total_charge})",
                    "CLM02 does not equal the line charges")
    return claim


def _transaction(tx: Transaction) -> Transaction837P:
    """Walk the HL tree of one ST..SE: 20 (billing provider) <- 22 (subscriber) <- 23 (patient)."""
    c = _Cursor(tx.segments)  # type: ignore[arg-type]  # not streamed: a tuple
    control, reference, submitter, receiver = _header(c)
    levels: dict[str, str] = {}
    groups: dict[str, tuple[BillingProvider, list[Claim]]] = {}
    subscribers: dict[str, tuple[Subscriber, Payer, str]] = {}
    while c.peek("SE") is None:
        hl = c.take("HL")
        hl_id, parent, level = hl.require(1, "an HL id"), hl[2], _code(hl, 3, ("20", "22", "23"))
        _code(hl, 4, ("0", "1"))
        if hl_id in levels:
            raise _fail(hl, 1, "an HL id not used before in this transaction", "duplicate HL01")
        want = {"20": None, "22": "20", "23": "22"}[level]
        if want is None and parent:
            raise _fail(hl, 2, "no parent (2000A is the top level)")
        if want is not None and levels.get(parent) != want:
            raise _fail(hl, 2, f"the HL01 of an earlier level-{want} HL", "HL parent not found")
        levels[hl_id] = level
        if level == "20":
            groups[hl_id] = (_billing_provider(c), [])
            continue
        if level == "22":
            subscriber, payer = _subscriber(c)
            subscribers[hl_id] = (subscriber, payer, parent)
            patient = None
        else:
            subscriber, payer, parent = subscribers[parent]
            patient = _patient(c)
        while c.peek("CLM"):
            groups[parent][1].append(_claim(c, subscriber, payer, patient))
    c.take("SE")
    billing = tuple(BillingGroup(bp, tuple(claims)) for bp, claims in groups.values())
    return Transaction837P(control, submitter, receiver, billing, reference)


def read_837p(source: Source, *, file_name: str | None = None) -> Iterator[Transaction837P]:
    """Every 837P transaction of `source` (a path, bytes or a binary file; a `str` is a path,
    so pass written text as `text.encode()`), envelopes checked, as typed objects.

    `Transaction837P.reference_id` is BHT03 as read (the writer puts the control number
    there when none was given). Raises `X12Error` subclasses, located, on any bad input.
    """
    for tx in iter_transactions(source, file_name=file_name):
        gs = tx.group.segment
        if tx.group.version != VERSION:
            raise _fail(gs, 8, repr(VERSION), "not an 837P professional group")
        yield _transaction(tx)
