"""Read 271 eligibility responses (005010X279A1) into the typed objects of `model`.

Model (implementation guide section 2.4, loops by HL level):
- 2000A (HL03 20): AAA; 2100A NM1 (payer), PER, AAA.
- 2000B (21): 2100B NM1 (the provider who asked), REF, N3, N4, AAA, PRV.
- 2000C (22) / 2000D (23): TRN; 2100C/2100D NM1, REF, N3, N4, AAA, PRV, DMG, INS, HI,
  DTP, MPI; 2110C/2110D from each EB: HSD, REF, DTP, AAA, MSG, III (2115), and LS*2120 ..
  LE*2120 around 2120C/2120D NM1, N3, N4, PER, PRV.
Within a loop the reader accepts the guide's segments in any order (payers are loose about
order, and order carries no meaning there); a segment the loop does not define is refused
with 999 IK304=2, and HL02 must name an earlier HL one level up. HI and MPI are accepted
and not kept (they echo the inquiry / carry military status). ST03 may say 005010X279A1
or the pre-addenda 005010X279 (still sent by some payers). Envelope problems come from
`envelope_reader` as `X12EnvelopeError`; everything here is `X12ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from bhbilling.x12.elig271 import segments as parse
from bhbilling.x12.elig271.loops import OpenLoops, address_from, prv_taxonomy
from bhbilling.x12.elig271.model import EligibilityResponse
from bhbilling.x12.envelope_reader import Transaction, iter_transactions
from bhbilling.x12.errors import IK304_MISSING_SEGMENT, IK304_UNEXPECTED_SEGMENT, X12ValueError
from bhbilling.x12.reader import Segment, Source

__all__ = ["VERSIONS", "iter_271", "read_271"]

VERSIONS = ("005010X279A1", "005010X279")
_LEVEL = {"20": "A", "21": "B", "22": "C", "23": "D"}
_PARENT = {"21": "20", "22": "21", "23": "22"}
# Segments each loop accepts besides the ones that open a child loop.
_ALLOWED = {
    "2000A": {"AAA"}, "2100A": {"PER", "AAA"}, "2000B": set(),
    "2100B": {"REF", "N3", "N4", "AAA", "PRV"}, "2000C": {"TRN"},
    "2100C": {"REF", "N3", "N4", "AAA", "PRV", "DMG", "INS", "HI", "DTP", "MPI"},
    "2110C": {"HSD", "REF", "DTP", "AAA", "MSG", "III"}, "2120C": {"N3", "N4", "PER", "PRV"},
    "LE": set(),
}


def _unexpected(seg: Segment, loop: str) -> X12ValueError:
    return X12ValueError(f"{seg.id} is not a segment of loop {loop}", file=seg.file,
                         segment_number=seg.number, segment_id=seg.id,
                         expected=f"a segment of loop {loop} or the next loop",
                         found=seg.id, ack_code=IK304_UNEXPECTED_SEGMENT)


class _Walker:
    """Walks one transaction's body segment by segment; `loop` is the loop being read."""

    def __init__(self) -> None:
        self.loops = OpenLoops()
        self.loop = ""
        self.level = ""
        self.hls: dict[str, str] = {}

    def _require_name(self, seg: Segment) -> None:
        """The loop that `seg` closes must have had its NM1 (2100A/B/C/D are required)."""
        loops = self.loops
        for open_loop in (loops.party, loops.member):
            if open_loop is not None and open_loop["entity"] is None:
                raise X12ValueError(f"loop 2000{self.level} ends without its NM1", file=seg.file,
                                    segment_number=seg.number, segment_id=seg.id,
                                    expected=f"NM1 (loop 2100{self.level})", found=seg.id,
                                    ack_code=IK304_MISSING_SEGMENT)

    def hl(self, seg: Segment) -> None:
        loops = self.loops
        self._require_name(seg)
        loops.close_member()
        loops.close_party()
        number = seg.require(1, "a hierarchical id number (HL01)")
        level = parse.code(seg, 3, tuple(_LEVEL), "20, 21, 22 or 23 (HL03)")
        if number in self.hls:
            raise seg.error(1, "a hierarchical id not used before in this transaction")
        parent = _PARENT.get(level)
        if parent is not None and self.hls.get(seg[2]) != parent:
            raise seg.error(2, f"the HL01 of an earlier level-{parent} HL")
        self.hls[number] = level
        self.level = _LEVEL[level]
        self.loop = f"2000{self.level}"
        if self.level in ("A", "B"):
            loops.party = {"level": self.level, "entity": None, "contacts": [], "rejections": []}
        else:
            loops.member = {
                "hl": number, "level": "subscriber" if self.level == "C" else "dependent",
                "entity": None, "traces": [], "references": [], "address": None,
                "birth_date": None, "sex": "", "relationship": "", "dates": [], "rejections": [],
                "benefits": [], "subscriber": loops.subscribers.get(seg[2]),
            }

    def nm1(self, seg: Segment) -> None:
        loops = self.loops
        if self.loop in ("2000A", "2000B"):
            loops.party["entity"] = parse.entity(seg)  # type: ignore[index]
            self.loop = f"2100{self.level}"
        elif self.loop in ("2000C", "2000D"):
            loops.member["entity"] = parse.entity(seg)  # type: ignore[index]
            self.loop = f"2100{self.level}"
        elif self.loop.startswith("2120"):
            loops.close_related()
            loops.related = {"entity": parse.entity(seg), "address": None, "contacts": [],
                             "taxonomy": ""}
        else:
            raise _unexpected(seg, self.loop)

    def eb(self, seg: Segment) -> None:
        loops = self.loops
        if self.loop[:4] not in ("2100", "2110", "LE") or self.level not in ("C", "D"):
            raise _unexpected(seg, self.loop)
        loops.close_benefit()
        loops.benefit = {"base": parse.benefit(seg), "deliveries": [], "references": [],
                         "dates": [], "rejections": [], "messages": [], "additional_info": [],
                         "related": []}
        self.loop = f"2110{self.level}"

    def other(self, seg: Segment) -> None:
        sid, loop, loops = seg.id, self.loop, self.loops
        key = "LE" if loop == "LE" else loop[:4] + ("C" if loop[4:] == "D" else loop[4:])
        if sid not in _ALLOWED.get(key, set()):
            raise _unexpected(seg, f"2110{self.level} after LE*2120" if loop == "LE" else loop)
        if loops.related is not None and loop.startswith("2120"):
            target = loops.related
            if sid in ("N3", "N4"):
                target["address"] = address_from(target["address"], seg)
            elif sid == "PER":
                target["contacts"].append(parse.contact(seg))
            else:
                target["taxonomy"] = prv_taxonomy(seg)
            return
        if loop.startswith("2120"):
            raise X12ValueError(f"{sid} before the NM1 that opens loop {loop}", file=seg.file,
                                segment_number=seg.number, segment_id=sid, expected=f"NM1 (loop {loop})",
                                found=sid, ack_code=IK304_MISSING_SEGMENT)
        if loops.benefit is not None and loop.startswith("2110"):
            self._benefit_part(seg)
        elif loops.party is not None:
            self._party_part(seg)
        else:
            self._member_part(seg)

    def _benefit_part(self, seg: Segment) -> None:
        ben, sid = self.loops.benefit, seg.id
        assert ben is not None
        if sid == "HSD":
            ben["deliveries"].append(parse.delivery(seg))
        elif sid == "REF":
            ben["references"].append((seg.require(1, "a reference qualifier"),
                                      seg.require(2, "a reference")))
        elif sid == "DTP":
            ben["dates"].append(parse.date_period(seg))
        elif sid == "AAA":
            ben["rejections"].append(parse.rejection(seg, self.loop))
        elif sid == "MSG":
            ben["messages"].append(seg.require(1, "message text (MSG01)"))
        else:  # III (loop 2115)
            ben["additional_info"].append((seg[1], seg[2]))

    def _party_part(self, seg: Segment) -> None:
        party = self.loops.party
        assert party is not None
        if seg.id == "AAA":
            rej = parse.rejection(seg, self.loop)
            if self.loop == "2000A":
                self.loops.top_rejections.append(rej)
            else:
                party["rejections"].append(rej)
        elif seg.id == "PER":
            party["contacts"].append(parse.contact(seg))
        # 2100B REF, N3, N4 and PRV describe us; they are checked for place, not kept.

    def _member_part(self, seg: Segment) -> None:
        mem, sid = self.loops.member, seg.id
        assert mem is not None
        if sid == "TRN":
            mem["traces"].append(parse.trace(seg))
        elif sid == "REF":
            mem["references"].append((seg.require(1, "a reference qualifier"),
                                      seg.require(2, "a reference")))
        elif sid in ("N3", "N4"):
            mem["address"] = address_from(mem["address"], seg)
        elif sid == "AAA":
            mem["rejections"].append(parse.rejection(seg, self.loop))
        elif sid == "DMG":
            mem["birth_date"], mem["sex"] = parse.demographics(seg)
        elif sid == "INS":
            parse.code(seg, 1, ("Y", "N"), "Y or N (INS01)")
            mem["relationship"] = seg.require(2, "an individual relationship code (INS02)")
        elif sid == "DTP":
            mem["dates"].append(parse.date_period(seg))
        # PRV, HI and MPI: accepted in place, not kept.

    def ls_le(self, seg: Segment) -> None:
        if seg.id == "LS":
            if not self.loop.startswith("2110"):
                raise _unexpected(seg, self.loop)
            parse.code(seg, 1, ("2120",), "2120 (loop identifier)")
            self.loop = f"2120{self.level}"
            return
        if not self.loop.startswith("2120"):
            raise _unexpected(seg, self.loop)
        parse.code(seg, 1, ("2120",), "2120 (loop identifier)")
        if self.loops.related is None:
            raise X12ValueError("LS/LE without a 2120 NM1 between them", file=seg.file,
                                segment_number=seg.number, segment_id="LE",
                                expected="NM1 (loop 2120)", ack_code=IK304_MISSING_SEGMENT)
        self.loops.close_related()
        self.loop = "LE"

    def walk(self, body: list[Segment], trailer: Segment) -> None:
        dispatch = {"HL": self.hl, "NM1": self.nm1, "EB": self.eb, "LS": self.ls_le,
                    "LE": self.ls_le}
        for seg in body:
            if not self.loop and seg.id != "HL":
                raise _unexpected(seg, "(before the first HL)")
            dispatch.get(seg.id, self.other)(seg)
        if self.loop.startswith("2120"):
            raise X12ValueError("loop 2120 not closed", file=trailer.file,
                                segment_number=trailer.number, segment_id=trailer.id,
                                expected="LE*2120", found=trailer.id, ack_code=IK304_MISSING_SEGMENT)
        if not self.hls:
            raise X12ValueError("a 271 needs the 2000A information source", file=trailer.file,
                                segment_number=trailer.number, segment_id=trailer.id,
                                expected="HL*1**20*1", found=trailer.id, ack_code=IK304_MISSING_SEGMENT)
        self._require_name(trailer)
        self.loops.close_member()
        self.loops.close_party()


def _response(tx: Transaction) -> EligibilityResponse:
    """ST*271, BHT*0022 (BHT02 11 response or 06 confirmation), then the HL loops."""
    segs = tx.segments
    assert isinstance(segs, tuple)
    st = segs[0]
    parse.code(st, 1, ("271",), "271 (this reader reads eligibility responses)")
    version = st[3] or tx.group.version
    if version not in VERSIONS:
        raise st.error(3, " or ".join(VERSIONS))
    if len(segs) < 3 or segs[1].id != "BHT":
        where = segs[1] if len(segs) > 2 else segs[-1]
        raise X12ValueError("BHT must follow ST", file=where.file, segment_number=where.number,
                            segment_id=where.id, expected="BHT", found=where.id,
                            ack_code=IK304_MISSING_SEGMENT)
    bht = segs[1]
    parse.code(bht, 1, ("0022",), "0022 (information source, receiver, subscriber, dependent)")
    parse.code(bht, 2, ("06", "11"), "11 (response) or 06 (confirmation)")
    created = parse.date_period_text(bht, 4) if bht[4] else None
    walker = _Walker()
    walker.walk(list(segs[2:-1]), segs[-1])
    loops = walker.loops
    return EligibilityResponse(st.file, st[2], bht[3], created, loops.source, loops.receiver,
                               tuple(loops.top_rejections), tuple(loops.members))


def iter_271(source: Source, *, file_name: str | None = None) -> Iterator[EligibilityResponse]:
    """Each 271 transaction of `source` (a path, bytes or a binary stream) in file order.

    Raises `X12Error` (envelope, syntax or value) naming file, segment and element; a
    file holding another transaction set (837, 835...) fails at its ST01.
    """
    for tx in iter_transactions(source, file_name=file_name):
        yield _response(tx)


def read_271(source: Source, *, file_name: str | None = None) -> list[EligibilityResponse]:
    """Every 271 transaction of `source`; see `iter_271`."""
    return list(iter_271(source, file_name=file_name))
