"""Read 276 claim status requests (005010X212) back into the typed objects of `model`.

Why: the payer simulator answers our 276s, and a request is only as good as what a payer
can read from it. The walker follows the writer's structure (and the guide's): HL 20
payer (NM1*PR), 21 receiver (NM1*41), 19 provider (NM1*1P), 22 subscriber (DMG, NM1*IL)
and 23 dependent (DMG, NM1*QC), each claim a 2200 loop opened by TRN (REF, AMT*T3,
DTP*472) with 2210 lines opened by SVC (REF*FJ, DTP*472). REF*BLT and REF*XZ
(institutional bill type, prescription number) are accepted and not kept. Problems raise
`X12ValueError` (or the envelope reader's `X12EnvelopeError`) naming file, segment
number, segment id and element; the model's own rules are re-raised at the segment that
opened the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TypeVar

from bhbilling.x12.envelope_reader import Transaction, iter_transactions
from bhbilling.x12.errors import IK304_MISSING_SEGMENT, IK304_UNEXPECTED_SEGMENT, X12ValueError
from bhbilling.x12.reader import Segment, Source
from bhbilling.x12.status276.model import (
    ClaimInquiry,
    Dependent,
    InformationReceiver,
    LineInquiry,
    Payer,
    PersonName,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
)
from bhbilling.x12.status276.writer import VERSION
from bhbilling.x12.status277 import elements as el
from bhbilling.x12.values import X12WriteError

__all__ = ["iter_276", "read_276"]

T = TypeVar("T")
_PARENT = {"20": None, "21": "20", "19": "21", "22": "19", "23": "22"}


def _build(seg: Segment, factory: Callable[..., T], *args: object, **kw: object) -> T:
    try:
        return factory(*args, **kw)
    except (X12WriteError, TypeError) as exc:
        raise X12ValueError(str(exc), file=seg.file, segment_number=seg.number,
                            segment_id=seg.id) from None


def _missing(seg: Segment, expected: str) -> X12ValueError:
    return X12ValueError("required segment missing or segment out of order", file=seg.file,
                         segment_number=seg.number, segment_id=seg.id, expected=expected,
                         found=seg.id, ack_code=IK304_MISSING_SEGMENT)


def _person(nm1: Segment) -> PersonName:
    return PersonName(nm1.require(3, "a last name (NM103)"), nm1[4], nm1[5], nm1[7])


class _Walker:
    def __init__(self) -> None:
        self.hls: dict[str, str] = {}
        self.level = ""
        self.payer: Payer | None = None
        self.receiver: InformationReceiver | None = None
        self.provider: ServiceProvider | None = None
        self.subscribers: dict[str, Subscriber] = {}  # HL01 of level 22 -> subscriber
        self.subscriber_hl = ""
        self.dmg: Segment | None = None
        self.patient: Subscriber | Dependent | None = None
        self.claim: dict | None = None
        self.line: dict | None = None
        self.inquiries: list[StatusInquiry] = []

    def _close_line(self) -> None:
        if self.line is not None and self.claim is not None:
            seg = self.line.pop("seg")
            self.claim["lines"].append(_build(seg, LineInquiry, **self.line))
        self.line = None

    def close_claim(self) -> None:
        self._close_line()
        if self.claim is None:
            return
        seg = self.claim.pop("seg")
        lines = self.claim["lines"]
        if "charge" not in self.claim:  # AMT*T3 is situational: the lines then say it
            if not lines:
                raise _missing(seg, "AMT*T3 (the claim's billed total) or SVC lines in loop 2200")
            self.claim["charge"] = sum((line.charge for line in lines), Decimal(0))
        if "service_start" not in self.claim:
            if not lines:
                raise _missing(seg, "DTP*472 (service dates) in loop 2200")
            self.claim["service_start"] = min(line.service_date for line in lines)
        self.claim["lines"] = tuple(self.claim["lines"])
        claim = _build(seg, ClaimInquiry, **self.claim)
        dependent = self.patient if isinstance(self.patient, Dependent) else None
        subscriber = self.subscribers[self.subscriber_hl]
        assert self.provider is not None
        self.inquiries.append(StatusInquiry(self.provider, subscriber, claim, dependent))
        self.claim = None

    def hl(self, seg: Segment) -> None:
        self.close_claim()
        number = seg.require(1, "a hierarchical id (HL01)")
        level = el.code(seg, 3, tuple(_PARENT), "20, 21, 19, 22 or 23 (HL03)")
        parent = _PARENT[level]
        if number in self.hls:
            raise el.fail(seg, 1, "an HL01 not used before in this transaction")
        if parent is not None and self.hls.get(seg[2]) != parent:
            raise el.fail(seg, 2, f"the HL01 of an earlier level-{parent} HL", "HL parent not found")
        self.hls[number] = level
        self.level, self.dmg, self.patient = level, None, None
        if level == "22":
            self.subscriber_hl = number
        elif level == "23":
            self.subscriber_hl = seg[2]

    def nm1(self, seg: Segment) -> None:
        want = {"20": "PR", "21": "41", "19": "1P", "22": "IL", "23": "QC"}[self.level]
        el.code(seg, 1, (want,), f"{want} (the NM1 of HL level {self.level})")
        if self.level == "20":
            self.payer = _build(seg, Payer, seg.require(3, "the payer name"), seg.require(9, "the payer id"))
        elif self.level == "21":
            self.receiver = _build(seg, InformationReceiver, seg.require(3, "the receiver name"),
                                   seg.require(9, "the receiver id"))
        elif self.level == "19":
            kind = el.code(seg, 2, ("1", "2"), "1 (person) or 2 (organization)")
            self.provider = _build(seg, ServiceProvider, seg.require(9, "the provider NPI"),
                                   seg.require(3, "a name") if kind == "2" else "",
                                   _person(seg) if kind == "1" else None)
        else:
            dmg = self.dmg
            dob = el.date(dmg, 2) if dmg is not None else None
            sex = dmg[3] if dmg is not None else ""
            if self.level == "22":
                self.patient = self.subscribers[self.subscriber_hl] = _build(
                    seg, Subscriber, seg.require(9, "the member id (NM109)"), _person(seg), dob, sex)
            else:
                if dob is None:
                    raise _missing(seg, "DMG (the patient's birth date) before NM1*QC (loop 2000E)")
                self.patient = _build(seg, Dependent, _person(seg), dob, sex)

    def claim_part(self, seg: Segment) -> None:
        sid = seg.id
        if sid == "TRN":
            self.close_claim()
            if self.patient is None:
                raise _missing(seg, f"NM1 (loop 2100{'D' if self.level == '22' else 'E'}) before TRN")
            el.code(seg, 1, ("1",), "1 (current transaction trace) (TRN01)")
            self.claim = {"seg": seg, "trace_number": seg.require(2, "a trace number (TRN02)"), "lines": []}
            return
        if self.claim is None:
            raise _missing(seg, "TRN (opens loop 2200)")
        if sid == "SVC":
            self._close_line()
            qual, code, *mods = seg.components(1) or ("",)
            if qual != "HC" or not code:
                raise el.fail(seg, 1, "HC:procedure code[:modifiers]")
            self.line = {"seg": seg, "procedure_code": code, "modifiers": tuple(mods),
                         "charge": el.amount(seg, 2) if seg[2] else seg.require(2, "a charge"),
                         "units": el.quantity(seg, 7) or Decimal(1)}
            return
        if sid == "REF":
            qual, value = seg.require(1, "a reference qualifier"), seg.require(2, "a reference")
            key = ({"FJ": "line_control_number"} if self.line is not None else
                   {"1K": "payer_claim_number", "EJ": "patient_control_number", "D9": "clearinghouse_trace"})
            if qual in key:
                (self.line if self.line is not None else self.claim)[key[qual]] = value
        elif sid == "AMT" and self.line is None:
            el.code(seg, 1, ("T3",), "T3 (total submitted charges)")
            self.claim["charge"] = el.amount(seg, 2) or Decimal(seg.require(2, "an amount"))
        elif sid == "DTP":
            el.code(seg, 1, ("472",), "472 (service date)")
            start, end = el.date_or_range(seg)
            if self.line is not None:
                self.line["service_date"] = start
            else:
                self.claim["service_start"] = start
                self.claim["service_end"] = end if end != start else None  # D8: one date
        else:
            raise X12ValueError(f"{sid} is not a segment of loop 2200/2210", file=seg.file,
                                segment_number=seg.number, segment_id=sid, expected="REF, AMT, DTP or SVC",
                                found=sid, ack_code=IK304_UNEXPECTED_SEGMENT)

    def take(self, seg: Segment) -> None:
        sid = seg.id
        if sid == "HL":
            self.hl(seg)
        elif not self.level:
            raise el.fail(seg, None, "HL after BHT", "segment before the first HL")
        elif sid == "NM1" and self.claim is None and (self.level != "22" or self.patient is None):
            self.nm1(seg)
        elif sid == "DMG" and self.level in ("22", "23") and self.patient is None:
            self.dmg = seg
        elif self.level in ("22", "23") and sid in {"TRN", "REF", "AMT", "DTP", "SVC"}:
            self.claim_part(seg)
        else:
            raise X12ValueError(f"{sid} is not a segment of HL level {self.level}", file=seg.file,
                                segment_number=seg.number, segment_id=sid,
                                expected=f"a segment of HL level {self.level}", found=sid,
                                ack_code=IK304_UNEXPECTED_SEGMENT)


def _transaction(tx: Transaction) -> Transaction276:
    segs = tx.segments
    assert isinstance(segs, tuple)
    st, bht = segs[0], segs[1]
    el.code(st, 1, ("276",), "276 (this reader reads claim status requests)")
    if (st[3] or tx.group.version) != VERSION:
        raise el.fail(st, 3, VERSION)
    if bht.id != "BHT":
        raise _missing(bht, "BHT after ST")
    el.code(bht, 1, ("0010",), "0010 (BHT01)")
    walker = _Walker()
    for seg in segs[2:-1]:
        walker.take(seg)
    walker.close_claim()
    if walker.payer is None or walker.receiver is None:
        raise _missing(segs[-1], "the 2100A payer and 2100B receiver NM1")
    control = st[2]
    return _build(st, Transaction276, int(control) if control.isdigit() else 0,
                  bht.require(3, "the reference (BHT03)"), walker.payer, walker.receiver,
                  tuple(walker.inquiries))


def iter_276(source: Source, *, file_name: str | None = None) -> Iterator[Transaction276]:
    """Each 276 transaction set of `source` (a path, bytes or a binary stream) in file order."""
    for tx in iter_transactions(source, file_name=file_name):
        yield _transaction(tx)


def read_276(source: Source, *, file_name: str | None = None) -> list[Transaction276]:
    """Every 276 transaction set of `source`; see `iter_276`."""
    return list(iter_276(source, file_name=file_name))
