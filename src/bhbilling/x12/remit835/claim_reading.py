"""Read one claim of an 835 (005010X221A1 loop 2100) with its service lines (loop 2110).

Order: CLP, then claim-level CAS, NM1 (QC, IL, 74, 82, TT, PR, GB), MIA, MOA, REF, DTM
(232, 233, 036, 050), PER, AMT and QTY -- accepted in any order, since payers differ --
then SVC loops: SVC, DTM (472, 150, 151), CAS, REF, AMT, QTY, LQ. A claim ends at the
next CLP, LX, PLB or SE. A segment the guide does not allow where it stands (an NM1
after the first SVC, an HL...) is refused with IK304=2 rather than dropped: a remittance
must never read as less than it says. This is the reader's hot path (one pass, no
backtracking, about 16 segments per claim), hence the flat code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.x12.errors import IK403_REQUIRED_MISSING
from bhbilling.x12.reader import Segment
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
from bhbilling.x12.remit835.cursor import SegmentCursor
from bhbilling.x12.remit835.elements import (
    amount,
    code,
    date,
    fail,
    opt_amount,
    padded,
    quantity,
    text,
    unexpected,
)
from bhbilling.x12.remit835.header_reading import contact, reference

__all__ = [
    "GROUPS", "STATUSES", "adjustments", "medicare", "procedure", "quantity_segment", "read_claim",
]

STATUSES = frozenset({"1", "2", "3", "4", "19", "20", "21", "22", "23", "25"})
GROUPS = frozenset({"CO", "CR", "OA", "PI", "PR"})
PROCEDURE_QUALIFIERS = frozenset({"AD", "ER", "HC", "HP", "IV", "N4", "N6", "NU", "UI", "WK"})
CLAIM_END = frozenset({"CLP", "LX", "PLB", "SE"})
_LINE_END = frozenset({"SVC", "CLP", "LX", "PLB", "SE"})
_NAMES = ("QC", "IL", "74", "82", "TT", "PR", "GB")
_CLAIM_DATES = ("232", "233", "036", "050")
_LINE_DATES = ("472", "150", "151")
_ONE = Decimal(1)
_CLAIM_SEGMENTS = "CAS, NM1, MIA, MOA, REF, DTM, PER, AMT, QTY, SVC or the next CLP"
_LINE_SEGMENTS = "DTM, CAS, REF, AMT, QTY, LQ, the next SVC or CLP"


def adjustments(seg: Segment) -> list[Adjustment]:
    """CAS01 group, then up to six (reason, amount, quantity) triplets, CAS02..CAS19."""
    e = padded(seg, 19)
    group = e[1]
    if group not in GROUPS:
        code(seg, e, 1, GROUPS, "a group code (CO, CR, OA, PI or PR)")
    out = []
    for pos in range(2, len(seg.elements), 3):
        reason = e[pos]
        if not reason:
            if e[pos + 1] or e[pos + 2]:
                raise fail(seg, pos, "a reason code before its amount", "required element missing",
                           IK403_REQUIRED_MISSING)
            continue
        if len(reason) > 5:
            text(seg, e, pos, 5)
        qty = e[pos + 2]
        out.append(Adjustment(group, reason, amount(seg, e, pos + 1),
                              quantity(seg, e, pos + 2) if qty else None))
    if not out:
        raise fail(seg, 2, "a reason code (CARC)", "required element missing", IK403_REQUIRED_MISSING)
    return out


def _procedure(seg: Segment, e: tuple[str, ...], pos: int) -> ProcedureCode:
    """SVC01/SVC06: qualifier:code[:modifier x4][:description] (C003 composite)."""
    parts = e[pos].split(seg.delimiters.component)
    label = "SVC01" if pos == 1 else "SVC06"
    if parts[0] not in PROCEDURE_QUALIFIERS:
        raise fail(seg, pos, "HC, AD, NU, ER, HP, IV, N4, N6, UI or WK", "invalid procedure "
                   "qualifier", element=f"{label}-1", found=parts[0][:8])
    if len(parts) < 2 or not parts[1] or len(parts[1]) > 48 or len(parts) > 8:
        raise fail(seg, pos, "qualifier:procedure code[:modifiers]", "invalid procedure code",
                   element=f"{label}-2", found=e[pos][:40])
    modifiers = tuple(parts[2:6])
    if modifiers:
        if "" in modifiers:
            modifiers = tuple(m for m in modifiers if m)
        for m in modifiers:
            if len(m) != 2:
                raise fail(seg, pos, "two-character modifiers", "invalid modifier",
                           element=f"{label}-3", found=e[pos][:40])
    description = parts[6] if len(parts) > 6 else ""
    if len(description) > 80:
        raise fail(seg, pos, "at most 80 characters", "description too long", element=f"{label}-7",
                   found=f"{len(description)} characters")
    return ProcedureCode(parts[0], parts[1], modifiers, description)


def procedure(seg: Segment) -> ProcedureCode:
    """SVC01 of `seg` as `_procedure` reads it (the fast path's memo calls this)."""
    return _procedure(seg, seg.elements, 1)


def _name(seg: Segment) -> EntityName:
    e = padded(seg, 12)
    return EntityName(code(seg, e, 1, _NAMES, "QC, IL, 74, 82, TT, PR or GB"),
                      code(seg, e, 2, ("1", "2"), "1 (person) or 2 (organization)"),
                      text(seg, e, 3, 60), text(seg, e, 4, 35), text(seg, e, 5, 25),
                      text(seg, e, 7, 10), text(seg, e, 8, 3), text(seg, e, 9, 80))


def medicare(seg: Segment) -> MedicareRemarks:
    """MIA (24 elements; remarks in MIA05, MIA20-23) or MOA (9; remarks in MOA03-07)."""
    mia = seg.id == "MIA"
    e = padded(seg, 24 if mia else 9)
    for pos in range(1, len(seg.elements)):
        text(seg, e, pos, 50)
    places = (5, 20, 21, 22, 23) if mia else (3, 4, 5, 6, 7)
    return MedicareRemarks(seg.id, seg.elements[1:], tuple(e[p] for p in places if e[p]))


def _dated(seg: Segment, qualifiers: tuple[str, ...], dates: dict[str, dt.date]) -> None:
    e = padded(seg, 6)
    qual = e[1]
    if qual not in qualifiers:
        code(seg, e, 1, qualifiers, " or ".join(qualifiers))
    if qual in dates:
        raise unexpected(seg, f"one DTM*{qual}", "a second time in this loop")
    dates[qual] = date(seg, e, 2)


def _amount(seg: Segment) -> Amount:
    e = padded(seg, 3)
    return Amount(text(seg, e, 1, 3, required=True), amount(seg, e, 2))


def quantity_segment(seg: Segment) -> Quantity:
    e = padded(seg, 3)
    qual = text(seg, e, 1, 2, required=True)
    value = quantity(seg, e, 2)
    if value is None:
        raise fail(seg, 2, "a quantity", "required element missing", IK403_REQUIRED_MISSING)
    return Quantity(qual, value)


def _line(c: SegmentCursor, number: int) -> ServicePayment:
    """One 2110 loop, from its SVC to the next SVC, CLP, LX, PLB or SE."""
    svc = c.advance()
    e = padded(svc, 7)
    procedure = _procedure(svc, e, 1)
    charge, paid = amount(svc, e, 2), amount(svc, e, 3)
    units = quantity(svc, e, 5)
    original = _procedure(svc, e, 6) if e[6] else None
    dates: dict[str, dt.date] = {}
    cas: list[Adjustment] = []
    refs: list[Reference] = []
    amounts: list[Amount] = []
    quantities: list[Quantity] = []
    remarks: list[Remark] = []
    control = ""
    while (seg := c.head) is not None and (sid := seg.elements[0]) not in _LINE_END:
        c.advance()
        if sid == "CAS":
            cas += adjustments(seg)
        elif sid == "DTM":
            _dated(seg, _LINE_DATES, dates)
        elif sid == "REF":
            ref = reference(seg)
            if ref.qualifier != "6R":
                refs.append(ref)
            elif control:
                raise unexpected(seg, "one REF*6R per service line", "a second time")
            else:
                control = ref.value
        elif sid == "AMT":
            amounts.append(_amount(seg))
        elif sid == "LQ":
            f = padded(seg, 2)
            remarks.append(Remark(code(seg, f, 1, ("HE", "RX"), "HE (RARC) or RX (NCPDP)"),
                                  text(seg, f, 2, 30, required=True)))
        elif sid == "QTY":
            quantities.append(quantity_segment(seg))
        else:
            raise unexpected(seg, _LINE_SEGMENTS, "in a service line (loop 2110)")
    return ServicePayment(
        number, svc.number, procedure, charge, paid, _ONE if units is None else units,
        text(svc, e, 4, 48), original, quantity(svc, e, 7), dates.get("472"), dates.get("150"),
        dates.get("151"), tuple(cas), control, tuple(refs), tuple(amounts), tuple(quantities),
        tuple(remarks))


def read_claim(c: SegmentCursor, index: int, header_number: str) -> ClaimPayment:
    """The 2100 loop at `c.head` (a CLP) and its 2110 lines; `index` is 1-based."""
    clp = c.advance()
    e = padded(clp, 14)
    pcn = text(clp, e, 1, 38, required=True)
    status = code(clp, e, 2, STATUSES, "a 005010 claim status (1, 2, 3, 4, 19-23 or 25)")
    charge, paid, patient = amount(clp, e, 3), amount(clp, e, 4), opt_amount(clp, e, 5)
    filing = text(clp, e, 6, 2, required=True)
    payer_claim = text(clp, e, 7, 50, required=True)
    for pos in range(10, len(clp.elements)):
        text(clp, e, pos, 18)  # CLP10-14 institutional values, kept as sent
    institutional = clp.elements[10:15]
    cas: list[Adjustment] = []
    names: dict[str, EntityName] = {}
    mia = moa = None
    refs: list[Reference] = []
    dates: dict[str, dt.date] = {}
    contacts: list[Contact] = []
    amounts: list[Amount] = []
    quantities: list[Quantity] = []
    while (seg := c.head) is not None and (sid := seg.elements[0]) != "SVC":
        if sid in CLAIM_END:
            break
        c.advance()
        if sid == "CAS":
            cas += adjustments(seg)
        elif sid == "NM1":
            name = _name(seg)
            if name.entity in names:
                raise unexpected(seg, f"one NM1*{name.entity} per claim", "a second time")
            names[name.entity] = name
        elif sid == "DTM":
            _dated(seg, _CLAIM_DATES, dates)
        elif sid == "REF":
            refs.append(reference(seg))
        elif sid == "AMT":
            amounts.append(_amount(seg))
        elif sid == "QTY":
            quantities.append(quantity_segment(seg))
        elif sid == "PER":
            contacts.append(contact(seg))
        elif sid in ("MIA", "MOA"):
            if (mia if sid == "MIA" else moa) is not None:
                raise unexpected(seg, f"one {sid} per claim", "a second time")
            if sid == "MIA":
                mia = medicare(seg)
            else:
                moa = medicare(seg)
        else:
            raise unexpected(seg, _CLAIM_SEGMENTS, "in a claim payment (loop 2100)")
    lines: list[ServicePayment] = []
    while (seg := c.head) is not None and seg.elements[0] == "SVC":
        lines.append(_line(c, len(lines) + 1))
    get = names.get
    return ClaimPayment(
        index, clp.number, pcn, status, charge, paid, patient, filing, payer_claim,
        text(clp, e, 8, 2), text(clp, e, 9, 1), institutional, header_number, tuple(cas),
        get("QC"), get("IL"), get("74"), get("82"), get("TT"), get("PR"), get("GB"), mia, moa,
        tuple(refs), dates.get("232"), dates.get("233"), dates.get("036"), dates.get("050"),
        tuple(contacts), tuple(amounts), tuple(quantities), tuple(lines))
