"""Front door of the clearinghouse: is each 837P transaction set structurally sound?

Model (what a 999, 005010X231A1, reports):
- The file is cut into functional groups (GS..GE) and transaction sets (ST..SE) here,
  tolerantly, so one broken set does not hide the others: SE01 count (IK502=4), SE02
  control number (IK502=3), a missing SE (IK502=2), a reused ST02 (IK502=23); GE01 count
  (AK905=5), GE02 (AK905=4), a missing GE (AK905=3); a group that is not 837P
  005010X222A1 is not supported (AK905=1 or 2, its sets IK502=1).
- Each sound set is then read by `x12.claim837p.read_837p` on its own (wrapped in a copy
  of its ISA/GS), and the first error the reader finds becomes one IK3 (segment id,
  position counting ST as 1, IK304 code) with an IK4 (element position, component, IK403
  code) -- the reader's `AckCode` says which -- plus CTX CLM01 naming our claim when the
  error sits inside one. Errors without a code or element are reported as IK304=8 with
  IK4 I12 (implementation pattern) on the first element.
- A set that reads is accepted (IK5 A) or, when it breaks a rule payers tolerate, accepted
  with errors (IK5 E): a billing provider ZIP without the +4 (2010AA N403, IK403=4) or a
  name longer than NM103's 60 characters (IK403=5).
Messages kept for the summary name where and what was expected, never the value found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bhbilling.x12.claim837p import Transaction837P, read_837p
from bhbilling.x12.errors import X12Error
from bhbilling.x12.reader import Segment, Source, iter_segments

__all__ = ["ElementError", "GroupResult", "IntakeResult", "SegmentError", "SetResult", "judge_837p"]

VERSION = "005010X222A1"
_ENVELOPE = frozenset({"ISA", "GS", "ST", "SE", "GE", "IEA"})


@dataclass(frozen=True, slots=True)
class ElementError:
    position: int
    component: int | None
    code: str  # IK403


@dataclass(frozen=True, slots=True)
class SegmentError:
    segment_id: str
    position: int  # IK302: ST = 1
    code: str  # IK304
    elements: tuple[ElementError, ...] = ()
    claim: str = field(default="", repr=False)  # CTX CLM01: our patient control number


@dataclass(frozen=True, slots=True)
class SetResult:
    control_number: str
    set_id: str
    convention: str
    status: str  # IK501: A, E or R
    codes: tuple[str, ...] = ()  # IK502
    errors: tuple[SegmentError, ...] = ()
    transaction: Transaction837P | None = field(default=None, repr=False)
    message: str = ""


@dataclass(frozen=True, slots=True)
class GroupResult:
    functional_id: str
    control_number: str
    version: str
    sets: tuple[SetResult, ...]
    included: int  # GE01 as stated (the sets found when GE is missing)
    codes: tuple[str, ...] = ()  # AK905

    @property
    def accepted_count(self) -> int:
        return sum(s.status in ("A", "E") for s in self.sets)

    @property
    def status(self) -> str:
        """AK901: R (group error or nothing accepted), P (some), E (errors noted) or A."""
        if self.codes or self.accepted_count == 0:
            return "R"
        if self.accepted_count < len(self.sets):
            return "P"
        return "E" if any(s.status == "E" for s in self.sets) else "A"


@dataclass(frozen=True, slots=True)
class IntakeResult:
    file: str
    sender_id: str = ""
    sender_qualifier: str = "ZZ"
    usage: str = "T"
    groups: tuple[GroupResult, ...] = ()
    error: str = ""  # the file is not an interchange at all: no 999 can be written


def _place(err: X12Error) -> str:
    """Where and what was expected -- never the value found (it may be PHI)."""
    text = err.location or "the file"
    if err.message:
        text += f": {err.message}"
    if err.expected:
        text += f", expected {err.expected}"
    return text


def _claim_at(segs: list[Segment], position: int) -> str:
    pcn = ""
    for seg in segs[:position]:
        if seg.id == "CLM":
            pcn = seg[1]
        elif seg.id == "HL":
            pcn = ""
    return pcn


def _note(err: X12Error, segs: list[Segment]) -> SegmentError:
    position = max(1, min((err.segment_number or len(segs) + 2) - 2, len(segs)))
    seg_id = err.segment_id or segs[position - 1].id
    ack = err.ack_code
    if ack is not None and ack.field == "IK304":
        return SegmentError(seg_id, position, ack.code, (), _claim_at(segs, position))
    pos, comp = 1, None
    label = err.element or ""
    if label.startswith(seg_id) and label[len(seg_id):len(seg_id) + 2].isdigit():
        pos = int(label[len(seg_id):len(seg_id) + 2])
        _, _, sub = label.partition("-")
        comp = int(sub) if sub.isdigit() else None
    code = ack.code if ack is not None and ack.field == "IK403" else "I12"
    return SegmentError(seg_id, position, "8", (ElementError(pos, comp, code),), _claim_at(segs, position))


def _warnings(segs: list[Segment]) -> list[SegmentError]:
    """Rules payers tolerate: accepted with errors noted (IK5 E)."""
    out: list[SegmentError] = []
    billing = False
    for position, seg in enumerate(segs, start=1):
        if seg.id == "NM1":
            billing = seg[1] == "85"
            if len(seg[3]) > 60:
                out.append(SegmentError("NM1", position, "8", (ElementError(3, None, "5"),),
                                        _claim_at(segs, position)))
        elif seg.id == "N4" and billing:
            billing = False
            if len(seg[3]) != 9:
                out.append(SegmentError("N4", position, "8", (ElementError(3, None, "4"),)))
    return out


def _raw(seg: Segment) -> str:
    return seg.delimiters.element.join(seg.elements) + seg.delimiters.segment


def _read_set(isa: Segment, gs: Segment, segs: list[Segment], name: str) -> SetResult:
    st = segs[0]
    text = _raw(isa) + _raw(gs) + "".join(_raw(s) for s in segs)
    sep, term = isa.delimiters.element, isa.delimiters.segment
    text += f"GE{sep}1{sep}{gs[6]}{term}IEA{sep}1{sep}{isa[13]}{term}"
    try:
        transactions = list(read_837p(text.encode("utf-8", "surrogateescape"), file_name=name))
    except X12Error as err:
        return SetResult(st[2], st[1], st[3], "R", ("5",), (_note(err, segs),), None, _place(err))
    warnings = _warnings(segs)
    return SetResult(st[2], st[1], st[3], "E" if warnings else "A", (), tuple(warnings), transactions[0],
                     "accepted with errors noted" if warnings else "")


def _set(isa: Segment, gs: Segment, body: list[Segment], closed: bool, seen: set[str], name: str,
         supported: bool) -> SetResult:
    st = body[0]
    codes: list[str] = []
    if not closed:
        codes.append("2")
    else:
        se = body[-1]
        if se[1] != str(len(body)):
            codes.append("4")
        if se[2] != st[2]:
            codes.append("3")
    if not (st[2].isdigit() and 4 <= len(st[2]) <= 9):
        codes.append("7")
    if st[2] in seen:
        codes.append("23")
    seen.add(st[2])
    if not supported or st[1] != "837":
        codes.insert(0, "1" if st[1] == "837" or not supported else "6")
    if codes:
        return SetResult(st[2], st[1], st[3], "R", tuple(codes), (),
                         message=f"{name} segment {st.number} (ST): transaction set envelope error (IK502 "
                                 f"{', '.join(codes)})")
    return _read_set(isa, gs, body, name)


def judge_837p(source: Source, *, file_name: str) -> IntakeResult:
    """The 999 verdict on every group and transaction set of one 837P file."""
    try:
        segs = list(iter_segments(source, file_name=file_name))
    except X12Error as err:
        return IntakeResult(file_name, error=_place(err))
    if not segs or segs[0].id != "ISA":
        return IntakeResult(file_name, error=f"{file_name}: the file does not start with ISA")
    isa = segs[0]
    groups: list[GroupResult] = []
    i = 1
    while i < len(segs):
        gs = segs[i]
        i += 1
        if gs.id != "GS":
            continue
        supported = gs[1] == "HC" and gs[8] == VERSION
        sets: list[SetResult] = []
        seen: set[str] = set()
        ge: Segment | None = None
        while i < len(segs) and segs[i].id not in ("GS", "IEA", "ISA"):
            seg = segs[i]
            i += 1
            if seg.id == "GE":
                ge = seg
                break
            if seg.id != "ST":
                continue  # outside a transaction set: nothing in a 999 can point at it
            body = [seg]
            while i < len(segs) and segs[i].id not in _ENVELOPE:
                body.append(segs[i])
                i += 1
            closed = i < len(segs) and segs[i].id == "SE"
            if closed:
                body.append(segs[i])
                i += 1
            sets.append(_set(isa, gs, body, closed, seen, file_name, supported))
        codes: list[str] = [] if supported else ["1" if gs[1] != "HC" else "2"]
        if ge is None:
            codes.append("3")
        else:
            if ge[1] != str(len(sets)):
                codes.append("5")
            if ge[2] != gs[6]:
                codes.append("4")
        included = int(ge[1]) if ge is not None and ge[1].isdigit() else len(sets)
        groups.append(GroupResult(gs[1], gs[6], gs[8], tuple(sets), included, tuple(codes)))
    return IntakeResult(file_name, isa[6].strip(), isa[5], isa[15] or "T", tuple(groups))
