"""Read 277CA (005010X214) and 277 (005010X212) transactions into `model` objects.

Why one reader for both: they share the HL tree, the STC composite and the 2200/2220
loops; only the claim levels differ (PT under the billing provider in a 277CA; 22
subscriber and 23 dependent in a 277). The walker takes segments in file order:
- HL opens a level; HL02 must name an earlier HL of the parent level (21 <- 20, 19 <-
  21, PT <- 19, 22 <- 19, 23 <- 22). Several 2000A sources may follow each other.
- At levels 20/21/19 the NM1, PER, TRN, STC, QTY, AMT, REF and DTP belong to the party;
  at claim levels each TRN opens a claim (2200D/E) and SVC opens a line (2220D/E).
A segment the structure does not allow is refused (999 IK304=2), codes and values are
checked (see `elements`), and every problem is an `X12ValueError` (or the envelope
reader's `X12EnvelopeError`) naming file, segment number, segment id and element.
"""

from __future__ import annotations

from collections.abc import Iterator

from bhbilling.x12.envelope_reader import Transaction, iter_transactions
from bhbilling.x12.errors import IK304_MISSING_SEGMENT, IK304_UNEXPECTED_SEGMENT, X12ValueError
from bhbilling.x12.reader import Segment, Source
from bhbilling.x12.status277 import elements as el
from bhbilling.x12.status277.model import (
    ACKNOWLEDGMENT,
    STATUS_RESPONSE,
    ClaimStatus,
    ClaimStatusResponse,
    Entity,
    LineStatus,
    PartyStatus,
    Status,
    StatusCode,
)

__all__ = ["VERSIONS", "iter_277", "read_277"]

VERSIONS = (ACKNOWLEDGMENT, STATUS_RESPONSE)
_PARENT = {"20": None, "21": "20", "19": "21", "PT": "19", "22": "19", "23": "22"}
_LEVELS = {ACKNOWLEDGMENT: ("20", "21", "19", "PT"), STATUS_RESPONSE: ("20", "21", "19", "22", "23")}
_BHT01 = {ACKNOWLEDGMENT: "0085", STATUS_RESPONSE: "0010"}
_PARTY_SEGMENTS = frozenset({"NM1", "PER", "TRN", "STC", "QTY", "AMT", "REF", "DTP"})
_ACTIONS = frozenset({"", "WQ", "U", "NA"})


def _unexpected(seg: Segment, where: str) -> X12ValueError:
    return X12ValueError(f"{seg.id} is not a segment of {where}", file=seg.file,
                         segment_number=seg.number, segment_id=seg.id,
                         expected=f"a segment of {where}", found=seg.id,
                         ack_code=IK304_UNEXPECTED_SEGMENT)


def _entity(seg: Segment) -> Entity:
    """NM101 entity code and NM102 type are required; NM109 needs NM108."""
    kind = el.code(seg, 2, ("1", "2"), "1 (person) or 2 (organization) (NM102)")
    if seg[9] and not seg[8]:
        raise el.fail(seg, 8, "an identification code qualifier with NM109")
    return Entity(seg.require(1, "an entity identifier code (NM101)"), kind, seg[3], seg[4],
                  seg[5], seg[7], seg[8], seg[9])


def _status_code(seg: Segment, pos: int) -> StatusCode:
    parts = seg.components(pos)
    category = parts[0] if parts else ""
    code = parts[1] if len(parts) > 1 else ""
    if not (1 <= len(category) <= 3 and category.isascii() and category.isalnum()):
        raise el.fail(seg, pos, "a claim status category code (507), e.g. A2, F1")
    if not (code.isascii() and code.isdigit()):
        raise el.fail(seg, pos, "a claim status code (508) after the category, e.g. A2:20")
    return StatusCode(category, code, parts[2] if len(parts) > 2 else "",
                      parts[3] if len(parts) > 3 else "")


def status(seg: Segment) -> Status:
    """STC01 (required), STC10 and STC11 composites with STC02-STC09 and STC12."""
    seg.require(1, "a health care claim status (STC01)")
    codes = tuple(_status_code(seg, pos) for pos in (1, 10, 11) if seg[pos])
    return Status(codes, seg.number, el.date(seg, 2),
                  el.code(seg, 3, _ACTIONS, "WQ (accept) or U (reject) (STC03)"),
                  el.amount(seg, 4, "the total claim charge (STC04)"),
                  el.amount(seg, 5, "the claim payment (STC05)"), el.date(seg, 6), el.date(seg, 8),
                  seg[9], seg[12])


class _Walker:
    """Builds parties, claims and lines of one transaction as the segments arrive."""

    def __init__(self, version: str) -> None:
        self.levels = _LEVELS[version]
        self.hls: dict[str, tuple[str, str]] = {}  # HL01 -> (level, parent HL01)
        self.names: dict[str, Entity] = {}
        self.parties: list[PartyStatus] = []
        self.claims: list[ClaimStatus] = []
        self.hl = ""
        self.level = ""
        self.party: dict | None = None
        self.claim: dict | None = None
        self.line: dict | None = None

    # -- closing loops ---------------------------------------------------------------
    def _close_line(self) -> None:
        if self.line is not None and self.claim is not None:
            self.line["statuses"] = tuple(self.line["statuses"])
            self.claim["lines"].append(LineStatus(**self.line))
        self.line = None

    def _close_claim(self) -> None:
        self._close_line()
        if self.claim is not None:
            self.claim["statuses"] = tuple(self.claim["statuses"])
            self.claim["lines"] = tuple(self.claim["lines"])
            self.claims.append(ClaimStatus(**self.claim))
        self.claim = None

    def _close_party(self) -> None:
        if self.party is not None:
            self.parties.append(PartyStatus(**{k: tuple(v) if isinstance(v, list) else v
                                               for k, v in self.party.items()}))
        self.party = None

    def close(self) -> None:
        self._close_claim()
        self._close_party()

    # -- segments --------------------------------------------------------------------
    def hl_segment(self, seg: Segment) -> None:
        self.close()
        number = seg.require(1, "a hierarchical id (HL01)")
        level = el.code(seg, 3, self.levels, f"a level code of this guide ({', '.join(self.levels)})")
        if number in self.hls:
            raise el.fail(seg, 1, "an HL01 not used before in this transaction")
        parent = _PARENT[level]
        if parent is not None and self.hls.get(seg[2], ("",))[0] != parent:
            raise el.fail(seg, 2, f"the HL01 of an earlier level-{parent} HL", "HL parent not found")
        self.hls[number] = (level, seg[2])
        self.hl, self.level = number, level
        if level in ("20", "21", "19"):
            self.party = {"level": level, "hl": number, "segment_number": seg.number, "entity": None,
                          "trace": "", "statuses": [], "quantities": [], "amounts": [],
                          "references": [], "dates": []}

    def _ancestor(self, level: str) -> Entity | None:
        hl = self.hl
        while hl in self.hls:
            here, parent = self.hls[hl]
            if here == level:
                return self.names.get(hl)
            hl = parent
        return None

    def party_segment(self, seg: Segment) -> None:
        party, sid = self.party, seg.id
        assert party is not None
        if sid == "NM1":
            party["entity"] = self.names[self.hl] = _entity(seg)
        elif sid == "TRN":
            party["trace"] = seg.require(2, "a trace number (TRN02)")
        elif sid == "STC":
            party["statuses"].append(status(seg))
        elif sid in ("QTY", "AMT"):
            value = (el.quantity(seg, 2) if sid == "QTY" else el.amount(seg, 2))
            if value is None:
                seg.require(2, "a quantity or amount")
            party["quantities" if sid == "QTY" else "amounts"].append(
                (seg.require(1, "a qualifier"), value))
        elif sid == "REF":
            party["references"].append((seg.require(1, "a qualifier"), seg.require(2, "a reference")))
        elif sid == "DTP":
            party["dates"].append((seg.require(1, "a date qualifier"), el.date_or_range(seg)[0]))
        # PER (2100A payer contact in a 277) is accepted in place and not kept.

    def claim_segment(self, seg: Segment) -> None:
        sid = seg.id
        if sid == "NM1":
            if self.claim is not None:
                raise _unexpected(seg, "loop 2200 (NM1 comes before the claim's TRN)")
            self.names[self.hl] = _entity(seg)
            return
        if sid == "TRN":
            self._close_claim()
            el.code(seg, 1, ("2",), "2 (referenced transaction trace) (TRN01)")
            level = self.level
            self.claim = {
                "patient_control_number": seg.require(2, "our patient control number (TRN02)"),
                "level": level, "segment_number": seg.number, "statuses": [], "lines": [],
                "patient": self.names.get(self.hl),
                "subscriber": self._ancestor("22") if level == "23" else None,
                "provider": self._ancestor("19")}
            return
        if self.claim is None:
            raise X12ValueError(f"{sid} before the TRN that opens loop 2200", file=seg.file,
                                segment_number=seg.number, segment_id=sid,
                                expected="TRN*2 (loop 2200)", found=sid, ack_code=IK304_MISSING_SEGMENT)
        if sid == "SVC":
            self._close_line()
            qualifier, code, *mods = seg.components(1) or ("",)
            if not code:
                raise el.fail(seg, 1, "a qualifier and procedure code, e.g. HC:90837")
            self.line = {"procedure": code, "modifiers": tuple(mods), "qualifier": qualifier,
                         "charge": el.amount(seg, 2), "paid": el.amount(seg, 3), "revenue_code": seg[4],
                         "units": el.quantity(seg, 7), "segment_number": seg.number, "statuses": []}
            return
        target = self.line if self.line is not None else self.claim
        if sid == "STC":
            target["statuses"].append(status(seg))
        elif sid == "DTP":
            el.code(seg, 1, ("472",), "472 (service date)")
            target["service_period"] = el.date_or_range(seg)
        elif sid == "REF":
            self._reference(seg, target)
        else:
            raise _unexpected(seg, "loop 2200/2220")

    def _reference(self, seg: Segment, target: dict) -> None:
        qual, value = seg.require(1, "a reference qualifier"), seg.require(2, "a reference")
        if target is self.line:
            if qual == "FJ":
                target["line_control_number"] = value
            return  # REF*XZ (prescription) is accepted and not kept
        key = {"1K": "payer_claim_number", "D9": "clearinghouse_trace", "EJ": "patient_control_reference",
               "BLT": "bill_type"}.get(qual)
        if key is not None:
            target[key] = value

    def take(self, seg: Segment) -> None:
        if seg.id == "HL":
            self.hl_segment(seg)
        elif not self.hl:
            raise _unexpected(seg, "the header (the first HL must follow BHT)")
        elif self.party is not None and seg.id in _PARTY_SEGMENTS:
            self.party_segment(seg)
        elif self.party is None and seg.id in _PARTY_SEGMENTS | {"SVC"}:
            self.claim_segment(seg)
        else:
            raise _unexpected(seg, f"HL level {self.level}")


def _response(tx: Transaction) -> ClaimStatusResponse:
    segs = tx.segments
    assert isinstance(segs, tuple)
    st = segs[0]
    el.code(st, 1, ("277",), "277 (this reader reads claim acknowledgments and status responses)")
    version = st[3] or tx.group.version
    if version not in VERSIONS:
        raise el.fail(st, 3, " or ".join(VERSIONS))
    bht = segs[1]
    if bht.id != "BHT":
        raise X12ValueError("BHT must follow ST", file=bht.file, segment_number=bht.number,
                            segment_id=bht.id, expected="BHT", found=bht.id, ack_code=IK304_MISSING_SEGMENT)
    el.code(bht, 1, (_BHT01[version],), f"{_BHT01[version]} (BHT01 for {version})")
    walker = _Walker(version)
    for seg in segs[2:-1]:
        walker.take(seg)
    walker.close()
    if not walker.hls:
        last = segs[-1]
        raise X12ValueError("a 277 needs the 2000A information source", file=last.file,
                            segment_number=last.number, segment_id=last.id, expected="HL*1**20*1",
                            found=last.id, ack_code=IK304_MISSING_SEGMENT)
    return ClaimStatusResponse(st.file, version, st[2], bht.require(3, "the reference (BHT03)"),
                               el.date(bht, 4), bht[6], tuple(walker.parties), tuple(walker.claims))


def iter_277(source: Source, *, file_name: str | None = None) -> Iterator[ClaimStatusResponse]:
    """Each 277CA or 277 transaction set of `source` (a path, bytes or binary stream).

    Raises `X12Error` (syntax, envelope or value) naming file, segment and element.
    """
    for tx in iter_transactions(source, file_name=file_name):
        yield _response(tx)


def read_277(source: Source, *, file_name: str | None = None) -> list[ClaimStatusResponse]:
    """Every 277CA/277 transaction set of `source`; see `iter_277`."""
    return list(iter_277(source, file_name=file_name))
