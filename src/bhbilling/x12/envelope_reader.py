"""Envelope reading: segments grouped as Interchange -> FunctionalGroup -> Transaction.

Model (X12.5/X12.6 control structures, 005010):
- ISA..IEA is an interchange (IEA01 = number of groups, IEA02 = ISA13); GS..GE a
  functional group (GE01 = number of transactions, GE02 = GS06; GS08 the guide version,
  e.g. 005010X221A1); ST..SE a transaction set (SE01 = segments from ST to SE inclusive,
  SE02 = ST02). A file may hold several of each.
- Every broken rule raises `X12EnvelopeError` naming segment number, id, element and the
  999 IK502/AK905 or TA1 TA105 code; nothing outside ST..SE except envelope segments is
  allowed (999 IK304=6 "segment not in defined transaction set").
- `iter_transactions(stream=False)` gives each transaction's segments as a tuple;
  `stream=True` gives a one-shot iterator instead, consumed lazily (the SE check runs when
  it is exhausted), so a 1 GB 835 with one ST is read claim by claim with `split_by`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bhbilling.x12.errors import (
    AK905_BAD_CONTROL_NUMBER,
    AK905_CONTROL_MISMATCH,
    AK905_COUNT_MISMATCH,
    AK905_TRAILER_MISSING,
    IK304_NOT_IN_TRANSACTION,
    IK403_INVALID_CHARACTER,
    IK403_INVALID_DATE,
    IK403_REQUIRED_MISSING,
    IK502_BAD_CONTROL_NUMBER,
    IK502_CONTROL_MISMATCH,
    IK502_COUNT_MISMATCH,
    IK502_TRAILER_MISSING,
    TA105_BAD_CONTROL_NUMBER,
    TA105_BAD_CONTROL_STRUCTURE,
    TA105_CONTROL_MISMATCH,
    TA105_GROUP_COUNT,
    TA105_PREMATURE_END,
    AckCode,
    X12EnvelopeError,
)
from bhbilling.x12.reader import Segment, Source, iter_segments

__all__ = [
    "ENVELOPE_IDS", "EnvelopeWalker", "FunctionalGroup", "Interchange", "Transaction", "check_trailer",
    "ends_early", "envelope_in_body", "iter_transactions", "split_by",
]

ENVELOPE_IDS = frozenset({"ST", "GE", "IEA", "GS", "ISA"})
_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Interchange:
    """ISA header values; `segment` is the ISA itself (1-based number in the file)."""

    segment: Segment
    sender_qualifier: str
    sender_id: str
    receiver_qualifier: str
    receiver_id: str
    date: str
    time: str
    version: str
    control_number: str
    usage: str  # ISA15: P production, T test


@dataclass(frozen=True, slots=True)
class FunctionalGroup:
    """GS header values; `version` is GS08 (the implementation guide, e.g. 005010X222A1)."""

    interchange: Interchange
    segment: Segment
    functional_id: str
    sender: str
    receiver: str
    date: str
    time: str
    control_number: str
    version: str


@dataclass(frozen=True, slots=True)
class Transaction:
    """One ST..SE transaction set; `segments` includes ST and SE."""

    group: FunctionalGroup
    set_id: str
    control_number: str
    convention: str  # ST03, the implementation convention reference
    segments: tuple[Segment, ...] | Iterator[Segment] = field(repr=False)


def _fail(seg: Segment, pos: int | None, expected: str, message: str, ack: AckCode,
          found: str | None = None) -> X12EnvelopeError:
    err = seg.error(pos, expected, message=message, ack_code=ack, cls=X12EnvelopeError)
    if found is not None:
        err.found = found
    return err


def _count(seg: Segment, pos: int, ack: AckCode) -> int:
    value = seg[pos]
    if not (value.isascii() and value.isdigit()) or len(value) > 10:
        raise _fail(seg, pos, "a count (digits)", "", IK403_INVALID_CHARACTER if value else
                    IK403_REQUIRED_MISSING)
    return int(value)


def _control(seg: Segment, pos: int, low: int, high: int, ack: AckCode) -> str:
    value = seg[pos]
    if not (low <= len(value) <= high) or not (value.isascii() and value.isdigit()):
        raise _fail(seg, pos, f"a control number of {low}-{high} digits", "", ack)
    return value


def _date(seg: Segment, pos: int) -> str:
    value = seg[pos]
    try:
        if len(value) != 8 or not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise _fail(seg, pos, "a date CCYYMMDD", "", IK403_INVALID_DATE) from None
    return value


def _interchange(isa: Segment) -> Interchange:
    if len(isa) != 16:
        raise _fail(isa, None, "16 elements", "ISA has the wrong number of elements",
                    TA105_BAD_CONTROL_STRUCTURE, found=str(len(isa)))
    for pos, width in enumerate(_ISA_WIDTHS, start=1):
        if len(isa[pos]) != width:
            raise _fail(isa, pos, f"exactly {width} characters", "fixed-width ISA element",
                        TA105_BAD_CONTROL_STRUCTURE)
    _control(isa, 13, 9, 9, TA105_BAD_CONTROL_NUMBER)
    return Interchange(isa, isa[5], isa[6].rstrip(), isa[7], isa[8].rstrip(), isa[9], isa[10],
                       isa[12], isa[13], isa[15])


def _group(ic: Interchange, gs: Segment) -> FunctionalGroup:
    for pos in range(1, 9):
        if not gs[pos]:
            raise _fail(gs, pos, "a value", "required GS element missing", IK403_REQUIRED_MISSING)
    if not (gs[1].isalpha() and len(gs[1]) == 2):
        raise _fail(gs, 1, "a 2-letter functional identifier (HP, HC...)", "",
                    AckCode("AK905", "1"))
    _date(gs, 4)
    _control(gs, 6, 1, 9, AK905_BAD_CONTROL_NUMBER)
    return FunctionalGroup(ic, gs, gs[1], gs[2], gs[3], gs[4], gs[5], gs[6], gs[8])


def check_trailer(st: Segment, se: Segment, count: int) -> None:
    """SE01 must equal `count` (segments from ST to SE inclusive), SE02 repeat ST02."""
    if _count(se, 1, IK502_COUNT_MISMATCH) != count:
        raise _fail(se, 1, f"{count} (segments from ST to SE)",
                    "SE segment count does not match", IK502_COUNT_MISMATCH)
    if se[2] != st[2]:
        raise _fail(se, 2, f"ST02 {st[2]!r}", "SE control number differs from ST",
                    IK502_CONTROL_MISMATCH)


def envelope_in_body(st: Segment, seg: Segment) -> X12EnvelopeError:
    """An ISA, GS, ST, GE or IEA met before the SE of transaction `st` (999 IK502=2)."""
    return _fail(seg, None, f"SE closing transaction {st[2]!r} (segment {st.number})",
                 f"{seg.id} before SE", IK502_TRAILER_MISSING)


def ends_early(file: str | None, last_number: int | None, expected: str,
               ack: AckCode) -> X12EnvelopeError:
    """The file ended after segment `last_number` with an envelope still open."""
    return X12EnvelopeError("file ends before the envelope is closed (truncated?)", file=file,
                            segment_number=last_number + 1 if last_number is not None else None,
                            expected=expected, ack_code=ack)


class EnvelopeWalker:
    """State machine over one segment stream; `_body` shares the same iterator.

    A reader that walks transaction bodies itself (the 835 reader) subclasses this and
    overrides `_body` with an iterator of its own (ST first, SE last) built on
    `check_trailer` and `envelope_in_body`, setting `last` to the SE it reads.
    """

    def __init__(self, segments: Iterator[Segment]) -> None:
        self.it = segments
        self.last: Segment | None = None

    def _body(self, st: Segment) -> Iterator[Segment]:
        yield st
        count = 1
        seg = st
        for seg in self.it:  # hot loop: C-level field access only
            sid = seg.elements[0]
            count += 1
            if sid == "SE":
                self.last = seg
                check_trailer(st, seg, count)
                yield seg
                return
            if sid in ENVELOPE_IDS:
                raise envelope_in_body(st, seg)
            yield seg
        self.last = seg
        raise self._eof(f"SE closing transaction {st[2]!r}", IK502_TRAILER_MISSING)

    def _eof(self, expected: str, ack: AckCode) -> X12EnvelopeError:
        last = self.last
        return ends_early(last.file if last else None, last.number if last else None,
                          expected, ack)

    def transactions(self, stream: bool) -> Iterator[Transaction]:
        ic: Interchange | None = None
        grp: FunctionalGroup | None = None
        groups = sets = 0
        for seg in self.it:
            self.last = seg
            sid = seg.id
            if sid == "ST":
                if grp is None:
                    raise _fail(seg, None, "GS before ST", "ST outside a functional group",
                                AK905_TRAILER_MISSING)
                _control(seg, 2, 4, 9, IK502_BAD_CONTROL_NUMBER)
                if not seg[1]:
                    raise _fail(seg, 1, "a transaction set id (835, 837...)", "",
                                AckCode("IK502", "6"))
                sets += 1
                body = self._body(seg)
                tx = Transaction(grp, seg[1], seg[2], seg[3], body if stream else tuple(body))
                yield tx
                for _ in body:  # drain what the caller left unread, with the SE check
                    pass
            elif sid == "ISA":
                if ic is not None:
                    raise _fail(seg, None, f"IEA closing interchange {ic.control_number}",
                                "ISA before IEA", TA105_BAD_CONTROL_STRUCTURE)
                ic, groups = _interchange(seg), 0
            elif sid == "GS":
                if ic is None or grp is not None:
                    raise _fail(seg, None, "GE before GS" if grp else "ISA before GS",
                                "misplaced GS", TA105_BAD_CONTROL_STRUCTURE)
                grp, sets, groups = _group(ic, seg), 0, groups + 1
            elif sid == "GE" and grp is not None:
                if _count(seg, 1, AK905_COUNT_MISMATCH) != sets:
                    raise _fail(seg, 1, f"{sets} (transaction sets in the group)",
                                "GE transaction count does not match", AK905_COUNT_MISMATCH)
                if seg[2] != grp.control_number:
                    raise _fail(seg, 2, f"GS06 {grp.control_number!r}",
                                "GE control number differs from GS", AK905_CONTROL_MISMATCH)
                grp = None
            elif sid == "IEA" and ic is not None and grp is None:
                if _count(seg, 1, TA105_GROUP_COUNT) != groups:
                    raise _fail(seg, 1, f"{groups} (functional groups in the interchange)",
                                "IEA group count does not match", TA105_GROUP_COUNT)
                if seg[2] != ic.control_number:
                    raise _fail(seg, 2, f"ISA13 {ic.control_number!r}",
                                "IEA control number differs from ISA", TA105_CONTROL_MISMATCH)
                ic = None
            else:
                raise _fail(seg, None, "ST, or an envelope segment in order",
                            f"{sid} outside a transaction set", IK304_NOT_IN_TRANSACTION)
        if grp is not None:
            raise self._eof(f"GE closing group {grp.control_number}", AK905_TRAILER_MISSING)
        if ic is not None:
            raise self._eof(f"IEA closing interchange {ic.control_number}", TA105_PREMATURE_END)


def iter_transactions(
    source: Source | Iterable[Segment],
    *,
    file_name: str | None = None,
    chunk_size: int = 1 << 20,
    stream: bool = False,
) -> Iterator[Transaction]:
    """Every transaction of `source` with its group and interchange, envelopes checked.

    `source` is what `iter_segments` takes, or segments already read. With `stream=True`
    the caller must consume (or drop) one transaction's segments before asking for the next.
    """
    if isinstance(source, Iterable) and not (
        hasattr(source, "read") or isinstance(source, bytes | bytearray | memoryview | str)
    ):
        segments = iter(source)
    else:
        segments = iter_segments(source, file_name=file_name, chunk_size=chunk_size)
    return EnvelopeWalker(segments).transactions(stream)


def split_by(
    segments: Iterable[Segment],
    start_ids: frozenset[str] | set[str] = frozenset({"CLP"}),
    stop_ids: frozenset[str] | set[str] = frozenset({"SE", "PLB"}),
) -> Iterator[list[Segment]]:
    """Stream the loops of a transaction one by one: each list starts at a `start_ids`
    segment (CLP for an 835 claim, 2100 loop; CLM for an 837 claim, 2300 loop) and runs
    until the next start or a `stop_ids` segment (SE; PLB, which follows the last claim
    of an 835; for 837 use {"HL", "SE"}). Segments before the first start and from a stop
    onwards are not yielded: read the header before, the trailer after, with `itertools`.
    """
    current: list[Segment] | None = None
    for seg in segments:
        sid = seg.elements[0]
        if sid in start_ids:
            if current is not None:
                yield current
            current = [seg]
        elif sid in stop_ids:
            if current is not None:
                yield current
            current = None
        elif current is not None:
            current.append(seg)
    if current is not None:
        yield current
