"""Read the 270 eligibility inquiries (005010X279A1) the simulator must answer.

Why the simulator reads 270s itself: bhbilling writes 270s but has no 270 reader (its
side reads 271s), and the payer side must not borrow our claim code anyway. The walker
takes what a payer needs from the guide's HL tree: 2000A/2100A NM1*PR (which payer),
2000B/2100B NM1*1P (who asks; echoed in the 271), 2000C/2100C the subscriber (TRN*1,
NM1*IL member id, DMG, DTP*291, EQ) and 2000D/2100D a dependent (TRN*1, NM1*03, DMG,
INS, DTP*291, EQ). Each subscriber or dependent that carries a TRN or an EQ is one
question. Values are checked as in the 271 reader; errors are `X12Error`s naming file,
segment and element.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.reader import Segment, Source
from bhbilling.x12.status277 import elements as el

__all__ = ["EligibilityQuestion", "EligibilityRequest", "read_270"]


@dataclass(frozen=True, slots=True)
class Person:
    last: str = field(repr=False)
    first: str = field(default="", repr=False)
    birth_date: dt.date | None = field(default=None, repr=False)
    sex: str = ""


@dataclass(frozen=True, slots=True)
class EligibilityQuestion:
    trace: str
    originator: str
    member_id: str = field(repr=False)
    subscriber: Person
    dependent: Person | None
    relationship: str
    service_date: dt.date | None
    service_types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EligibilityRequest:
    control_number: str
    reference: str  # BHT03, echoed in the 271
    payer_id: str
    payer_name: str
    receiver: tuple[str, ...]  # the 2100B NM1 elements, echoed
    questions: tuple[EligibilityQuestion, ...]


def _person(nm1: Segment, dmg: Segment | None) -> Person:
    return Person(nm1.require(3, "a last name (NM103)"), nm1[4], el.date(dmg, 2) if dmg else None,
                  dmg[3] if dmg else "")


class _Walker:
    def __init__(self) -> None:
        self.payer = ("", "")
        self.receiver: tuple[str, ...] = ()
        self.questions: list[EligibilityQuestion] = []
        self.level = ""
        self.subscriber: tuple[Segment, Segment | None, str] | None = None  # NM1, DMG, member id
        self.open: dict | None = None

    def close(self) -> None:
        q, self.open = self.open, None
        if q is None or not (q["trace"] or q["types"]) or self.subscriber is None:
            return
        nm1, dmg, member_id = self.subscriber
        dependent = _person(q["nm1"], q["dmg"]) if q["level"] == "23" and q["nm1"] is not None else None
        sub = _person(nm1, dmg)
        self.questions.append(EligibilityQuestion(q["trace"], q["originator"], member_id, sub, dependent,
                                                  q["relationship"], q["date"], tuple(q["types"])))

    def take(self, seg: Segment) -> None:
        sid = seg.id
        if sid == "HL":
            self.close()
            self.level = el.code(seg, 3, ("20", "21", "22", "23"), "20, 21, 22 or 23 (HL03)")
            if self.level in ("22", "23"):
                self.open = {"level": self.level, "trace": "", "originator": "", "nm1": None, "dmg": None,
                             "relationship": "18" if self.level == "22" else "", "date": None, "types": []}
            return
        if sid == "NM1":
            if self.level == "20":
                self.payer = (seg.require(9, "the payer id (NM109)"), seg[3])
            elif self.level == "21":
                self.receiver = seg.elements[1:]
            elif self.open is not None:
                self.open["nm1"] = seg
                if self.level == "22":
                    self.subscriber = (seg, None, seg.require(9, "the member id (NM109)"))
            return
        q = self.open
        if q is None:
            return  # PRV, REF, N3/N4 of the receiver: not needed to answer
        if sid == "TRN":
            q["trace"], q["originator"] = seg.require(2, "a trace number"), seg[3]
        elif sid == "DMG":
            el.date(seg, 2)
            q["dmg"] = seg
            if self.level == "22" and self.subscriber is not None:
                self.subscriber = (self.subscriber[0], seg, self.subscriber[2])
        elif sid == "INS":
            q["relationship"] = seg[2]
        elif sid == "DTP":
            el.code(seg, 1, ("291", "307", "472"), "291 (plan date)")
            q["date"] = el.date_or_range(seg)[0]
        elif sid == "EQ":
            q["types"] += [t for t in seg.repeats(1) if t] or ["30"]


def read_270(source: Source, *, file_name: str | None = None) -> list[EligibilityRequest]:
    """Every 270 transaction of `source` as the questions a payer answers."""
    out: list[EligibilityRequest] = []
    for tx in iter_transactions(source, file_name=file_name):
        segs = tx.segments
        assert isinstance(segs, tuple)
        st, bht = segs[0], segs[1]
        el.code(st, 1, ("270",), "270 (an eligibility inquiry)")
        el.code(bht, 0, ("BHT",), "BHT after ST")
        walker = _Walker()
        for seg in segs[2:-1]:
            walker.take(seg)
        walker.close()
        out.append(EligibilityRequest(tx.control_number, bht.require(3, "the reference (BHT03)"),
                                      walker.payer[0], walker.payer[1], walker.receiver,
                                      tuple(walker.questions)))
    return out
