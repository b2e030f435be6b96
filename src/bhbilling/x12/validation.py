"""Envelope validation that reports every problem it can, each located and explained.

Why: `iter_transactions` stops at the first broken rule, which is right for an importer
(quarantine the file) but not for a biller fixing a file by hand, who wants the whole list.
`check_envelopes` runs the same reader and, after an envelope error, resynchronises at the
next ISA (interchange), GS (functional group) or ST (transaction set) -- or at the GE
itself when it arrives before an SE -- and carries on, so
one wrong SE01 does not hide a wrong IEA02 further down. Errors the reader cannot step over
(bad delimiters, invalid characters, a truncated file) end the run with that finding.

Model:
- Each finding is a kernel `Finding`: `code` is the acknowledgement code as text
  ("999 IK502=4", "TA1 TA105=023") or "x12" when the guide defines none, `segment` the
  1-based segment number in the file (ISA = 1), `field` the element label ("SE01") or the
  segment id alone ("SE") when the whole segment is at fault.
- `explain(finding)` turns the code into plain words for the common 999/TA1 codes
  (005010X231A1 elements 620, 621, 716, 718; TA1 element I18) and appends what was
  expected and found.
- Restarting mid-interchange, the reader is primed with synthetic, valid ISA/GS/ST..SE
  segments (segment number 0) standing for those already read, so its GE01/IEA01 counts
  still compare with the whole group and interchange.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from bhbilling.kernel.findings import Finding
from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.errors import IK502_TRAILER_MISSING, X12EnvelopeError, X12Error
from bhbilling.x12.reader import Segment, Source, iter_segments

__all__ = ["check_envelopes", "explain", "finding_from_error", "segment_id_of"]

_MAX_FOUND = 40
_RESYNC = frozenset({"ISA", "GS", "ST"})

# Plain words for the acknowledgement codes a biller meets most (005010X231A1 999, TA1).
_PLAIN: dict[str, str] = {
    "999 IK304=1": "This segment is not recognised here: its id, or the qualifier in its "
                   "first element, matches no segment the guide allows at this point.",
    "999 IK304=2": "This segment is not expected at this point in the transaction.",
    "999 IK304=3": "A segment the guide requires is missing here.",
    "999 IK304=4": "This loop repeats more often than the guide allows.",
    "999 IK304=5": "This segment repeats more often than the guide allows.",
    "999 IK304=6": "This segment is outside any transaction set (between SE and the next ST).",
    "999 IK304=7": "This segment is out of order.",
    "999 IK304=8": "This segment has errors in its elements.",
    "999 IK403=1": "A required element is empty.",
    "999 IK403=2": "An element holds a value the guide says must not be sent here.",
    "999 IK403=3": "The segment has more elements than the guide defines.",
    "999 IK403=4": "The value is shorter than the guide's minimum length.",
    "999 IK403=5": "The value is longer than the guide's maximum length.",
    "999 IK403=6": "The value holds a character that is not allowed.",
    "999 IK403=7": "The value is not one of the codes the guide allows for this element.",
    "999 IK403=8": "The value is not a valid date (CCYYMMDD).",
    "999 IK403=9": "The value is not a valid time (HHMM).",
    "999 IK403=10": "An element depends on another one that is missing or conflicting.",
    "999 IK403=12": "The element repeats more often than the guide allows.",
    "999 IK403=I10": "The element is not used by this implementation guide.",
    "999 IK403=I12": "The value does not match the guide's pattern for this element.",
    "999 IK502=1": "The transaction set type is not supported.",
    "999 IK502=2": "A transaction set has no SE trailer (ST..SE not closed).",
    "999 IK502=3": "SE02 must repeat the control number of its ST02.",
    "999 IK502=4": "SE01 must count every segment of the transaction, ST and SE included.",
    "999 IK502=5": "A segment inside the transaction has errors.",
    "999 IK502=6": "The transaction set id in ST01 is missing or invalid.",
    "999 IK502=7": "The transaction set control number (ST02) is missing or invalid.",
    "999 AK905=1": "The functional identifier (GS01) is not supported.",
    "999 AK905=3": "A functional group has no GE trailer (GS..GE not closed).",
    "999 AK905=4": "GE02 must repeat the group control number of its GS06.",
    "999 AK905=5": "GE01 must count the transaction sets (ST..SE) in the group.",
    "999 AK905=6": "The group control number (GS06) is missing or invalid.",
    "TA1 TA105=001": "IEA02 must repeat the interchange control number of its ISA13.",
    "TA1 TA105=004": "The segment terminator after ISA16 is missing or not usable.",
    "TA1 TA105=018": "The interchange control number (ISA13) must be 9 digits.",
    "TA1 TA105=021": "IEA01 must count the functional groups (GS..GE) in the interchange.",
    "TA1 TA105=022": "The interchange envelope (ISA..IEA) is out of order or malformed.",
    "TA1 TA105=023": "The file ends before the envelope is closed: it looks truncated.",
    "TA1 TA105=026": "The element separator declared in the ISA is not usable.",
    "TA1 TA105=027": "The component separator (ISA16) is not usable.",
}


def _shown(value: str) -> str:
    return value if len(value) <= _MAX_FOUND else value[:_MAX_FOUND] + "..."


def finding_from_error(err: X12Error) -> Finding:
    """A located `Finding` for one reader error; the found value is cut to 40 characters."""
    bits = [err.message] if err.message else []
    if err.found is not None:
        bits.append(f"found {_shown(err.found)!r}")
    return Finding(
        code=str(err.ack_code) if err.ack_code else "x12",
        message=", ".join(bits) or "invalid X12",
        file=err.file,
        segment=err.segment_number if err.segment_number is not None else err.segment_id,
        field=err.element or err.segment_id,
        expected=err.expected,
    )


def segment_id_of(finding: Finding) -> str:
    """'SE' for field 'SE01' or 'SE'; 'CLM' for 'CLM05-3'; '' when unknown."""
    match = re.fullmatch(r"([A-Z][A-Z0-9]{1,2}?)(?:\d{2}(?:-\d+)?)?", finding.field or "")
    return match.group(1) if match else ""


def explain(finding: Finding) -> str:
    """One or two plain sentences: what the code means, then what was expected and found."""
    plain = _PLAIN.get(finding.code, "")
    detail = finding.message
    if finding.expected and "expected" not in detail.lower():
        detail = f"{detail}; expected {finding.expected}" if detail else f"expected {finding.expected}"
    if not plain:
        return detail[:1].upper() + detail[1:] + ("" if detail.endswith(".") else ".")
    return f"{plain} ({detail})" if detail else plain


class _Tap:
    """Passes segments through, remembering the open ISA/GS and what they have held."""

    def __init__(self, segments: Iterator[Segment]) -> None:
        self._it = segments
        self.last: Segment | None = None
        self.isa: Segment | None = None
        self.gs: Segment | None = None
        self.closed_gs: Segment | None = None  # the GS the last GE closed
        self.groups = 0  # GS seen in the open interchange
        self.sets = 0  # ST seen in the open group

    def __iter__(self) -> Iterator[Segment]:
        return self

    def __next__(self) -> Segment:
        seg = next(self._it)
        self.last = seg
        sid = seg.id
        if sid == "ISA":
            self.isa, self.gs, self.groups, self.sets = seg, None, 0, 0
        elif sid == "GS":
            self.gs, self.groups, self.sets = seg, self.groups + 1, 0
        elif sid == "ST":
            self.sets += 1
        elif sid == "GE":
            self.closed_gs, self.gs = self.gs, None
        elif sid == "IEA":
            self.isa = self.gs = None
        return seg


def _fake(like: Segment, *elements: str) -> Segment:
    """A synthetic valid segment (number 0) with the delimiters of `like`."""
    return Segment(0, elements, like._ctx)  # same package: reuse the reader's context


def _prefix(tap: _Tap, start: Segment) -> list[Segment]:
    """Segments that put a fresh reader where `start` sits, with the counts read so far."""
    if start.id == "ISA" or tap.isa is None:
        return []
    isa = tap.isa
    open_gs = {"ST": tap.gs, "GE": tap.closed_gs}.get(start.id)
    groups = tap.groups - (1 if start.id == "GS" or open_gs is not None else 0)
    out = [isa]
    for _ in range(max(groups, 0)):
        out += [_fake(isa, "GS", "HC", "X", "X", "20000101", "0000", "1", "X", "X"),
                _fake(isa, "GE", "0", "1")]
    if open_gs is not None:  # the open group is replayed from its real GS
        out.append(open_gs)
        for _ in range(tap.sets - (1 if start.id == "ST" else 0)):
            out += [_fake(isa, "ST", "000", "0001"), _fake(isa, "SE", "2", "0001")]
    return out


def _resync(tap: _Tap, err: X12Error, tried: set[int]) -> Segment | None:
    """The segment to restart at after `err`, or None when the rest cannot be checked."""
    if not isinstance(err, X12EnvelopeError) or tap.last is None:
        return None
    if err.segment_number != tap.last.number:
        return None  # the file ended (truncated): nothing left to read
    wanted = _RESYNC
    if tap.isa is not None and err.segment_number == tap.isa.number:
        wanted = frozenset({"ISA"})  # a broken ISA: skip its whole interchange
    elif tap.gs is not None and err.segment_number == tap.gs.number:
        wanted = frozenset({"ISA", "GS"})
    here = tap.last
    if here.number not in tried and err.element is None and (
            here.id in wanted or (here.id == "GE" and err.ack_code == IK502_TRAILER_MISSING)):
        return here  # "ST (or GE) before SE": restart at that segment itself
    for seg in tap:
        if seg.id in wanted and seg.number not in tried:
            return seg
    return None


def check_envelopes(source: Source, file_name: str | None = None) -> list[Finding]:
    """Every envelope and syntax finding in `source`, in file order ([] when it is clean).

    Raises `X12Error` only when the file cannot be read at all (missing, unreadable).
    """
    segments = iter_segments(source, file_name=file_name)
    tap = _Tap(segments)
    findings: list[Finding] = []
    tried: set[int] = set()
    stream: Iterator[Segment] = tap
    while True:
        try:
            for tx in iter_transactions(stream, stream=True):
                for _ in tx.segments:
                    pass
            return findings
        except X12Error as err:
            if type(err) is X12Error:
                raise  # the file cannot be read at all: not a finding about its content
            found = finding_from_error(err)
            if found not in findings:
                findings.append(found)
            start = _resync(tap, err, tried)
            if start is None:
                return findings
            tried.add(start.number)
            stream = itertools.chain(_prefix(tap, start), [start], tap)
