"""Read 835 remittances (005010X221A1): whole transactions, or claim by claim.

Model:
- Built on `x12.reader.SegmentFeed` and the envelope walker of `iter_transactions`:
  delimiters come from each ISA, line breaks, CR/LF and a UTF-8 byte-order mark are
  handled by `x12.reader`, and envelopes (ISA/GS/ST..SE/GE/IEA counts and control
  numbers) are checked as the file streams (`cursor`).
- Claims are read by `fast_claims` straight from the raw text when they are well formed,
  and by `claim_reading.read_claim` otherwise; both give equal claims, and every error
  comes from the full reader, so it is located and ordered as if only it had run.
- `iter_835` yields one `RemittanceStream` per ST..SE: its `header` (table 1) is read at
  once, `claims()` reads loop 2100 one claim at a time, and the PLB items (table 3) are
  available after the last claim. Memory holds one claim, so a 1 GB single-payment file
  posts in bounded memory. `read_835` collects each transaction into a `Remittance`.
- Table 2 is LX groups (LX01 [TS3] [TS2]) holding claims; claims before any LX are
  accepted with `header_number` "". Table 3 is PLB segments, up to six reason/amount
  pairs each; the reason codes are the guide's closed list (element 426).
- Only 835s are accepted: GS01 "HP", GS08/ST03 005010X221A1 (or the pre-errata
  005010X221), ST01 "835". Every problem raises an `X12Error` subclass naming file,
  segment number, segment id and element; nothing else escapes for bad input.
"""

from __future__ import annotations

from collections.abc import Iterator

from bhbilling.x12.envelope_reader import Transaction
from bhbilling.x12.errors import IK403_REQUIRED_MISSING
from bhbilling.x12.reader import Segment, SegmentFeed, Source
from bhbilling.x12.remit835.claim_model import ClaimPayment
from bhbilling.x12.remit835.claim_reading import read_claim
from bhbilling.x12.remit835.cursor import Remittance835Walker, SegmentCursor
from bhbilling.x12.remit835.elements import amount, code, date, fail, padded, text, unexpected
from bhbilling.x12.remit835.fast_claims import fast_claims
from bhbilling.x12.remit835.fast_values import Memos
from bhbilling.x12.remit835.header_reading import read_header
from bhbilling.x12.remit835.model import (
    HeaderNumber,
    ProviderAdjustment,
    Remittance,
    RemittanceHeader,
)

__all__ = ["PLB_REASONS", "VERSIONS", "RemittanceStream", "iter_835", "read_835"]

VERSIONS = ("005010X221A1", "005010X221")
PLB_REASONS = frozenset({
    "50", "51", "72", "90", "AH", "AM", "AP", "B2", "B3", "BD", "BN", "C5", "CR", "CS", "CT",
    "CV", "CW", "DM", "E3", "FB", "FC", "GO", "HM", "IP", "IR", "IS", "J1", "L3", "L6", "LE",
    "LS", "OA", "OB", "PI", "PL", "RA", "RE", "SL", "TL", "WO", "WU",
})
_PLB_PAIRS = (3, 5, 7, 9, 11, 13)


def _header_number(c: SegmentCursor) -> HeaderNumber:
    """LX01 (1 to 6 digits), then the optional TS3 and TS2 kept as sent."""
    lx = c.advance()
    e = padded(lx, 1)
    number = text(lx, e, 1, 6, required=True)
    if not (number.isascii() and number.isdigit()):
        raise fail(lx, 1, "an assigned number (digits)", "invalid number")
    summary = supplemental = ()
    if c.head is not None and c.head.id == "TS3":
        ts3 = c.advance()
        e = padded(ts3, 24)
        text(ts3, e, 1, 50, required=True)
        date(ts3, e, 3)
        summary = _raw(ts3, e)
    if c.head is not None and c.head.id == "TS2":
        ts2 = c.advance()
        supplemental = _raw(ts2, padded(ts2, 19))
    return HeaderNumber(number, lx.number, summary, supplemental)


def _raw(seg: Segment, e: tuple[str, ...]) -> tuple[str, ...]:
    """TS3/TS2 elements as sent (ids, dates, counts, amounts: 18 characters at most)."""
    for pos in range(1, len(seg.elements)):
        text(seg, e, pos, 50 if pos == 1 else 18)
    return seg.elements[1:]


def _plb(seg: Segment) -> list[ProviderAdjustment]:
    """PLB01 provider id, PLB02 fiscal period date, then (reason:reference, amount) pairs."""
    e = padded(seg, 14)
    provider = text(seg, e, 1, 50, required=True)
    period = date(seg, e, 2)
    out = []
    comp = seg.delimiters.component
    for pos in _PLB_PAIRS:
        if not e[pos] and not e[pos + 1] and pos > 3:
            continue
        parts = e[pos].split(comp)
        label = f"PLB{pos:02d}"
        if len(parts) > 2:
            raise fail(seg, pos, "reason:reference", "too many components", element=label,
                       found=f"{len(parts)} components")
        reason = parts[0]
        if not reason:
            raise fail(seg, pos, "a PLB adjustment reason (element 426)",
                       "required element missing", IK403_REQUIRED_MISSING, element=f"{label}-1")
        if reason not in PLB_REASONS:
            raise fail(seg, pos, "a PLB adjustment reason (element 426, e.g. L6, WO, FB, 72, "
                       "CS, J1)", "invalid code", element=f"{label}-1", found=reason[:12])
        reference = parts[1] if len(parts) > 1 else ""
        if len(reference) > 50:
            raise fail(seg, pos, "at most 50 characters", "reference too long",
                       element=f"{label}-2", found=f"{len(reference)} characters")
        out.append(ProviderAdjustment(provider, period, reason, reference,
                                      amount(seg, e, pos + 1), seg.number, label))
    return out


class RemittanceStream:
    """One 835 transaction read claim by claim: `header` now, `claims()` once, then the
    PLB items (`provider_adjustments`) and LX groups (`header_numbers`)."""

    __slots__ = ("_cursor", "_memos", "_numbers", "_plb", "_state", "header")

    def __init__(self, header: RemittanceHeader, cursor: SegmentCursor,
                 memos: Memos | None = None) -> None:
        self.header = header
        self._cursor = cursor
        self._memos = memos if memos is not None else Memos()
        self._numbers: list[HeaderNumber] = []
        self._plb: tuple[ProviderAdjustment, ...] = ()
        self._state = "new"

    def claims(self) -> Iterator[ClaimPayment]:
        """Each claim in file order (a one-shot iterator: the file is read as it goes)."""
        if self._state != "new":
            raise RuntimeError("the claims of a streamed 835 can be read only once")
        self._state = "reading"
        return self._read()

    def _read(self) -> Iterator[ClaimPayment]:
        c = self._cursor
        index, number = 0, ""
        while (seg := c.head) is not None and (sid := seg.elements[0]) not in ("PLB", "SE"):
            if sid == "CLP":
                index = yield from fast_claims(c, index, number, self._memos)
                if c.head is not None and c.head.elements[0] == "CLP":  # one the fast path left
                    index += 1
                    yield read_claim(c, index, number)
            elif sid == "LX":
                group = _header_number(c)
                number = group.number
                self._numbers.append(group)
            else:
                raise unexpected(seg, "LX, CLP, PLB or SE", "between claims")
        plb: list[ProviderAdjustment] = []
        while (seg := c.head) is not None and seg.elements[0] == "PLB":
            plb += _plb(c.advance())
        if seg is not None and seg.elements[0] != "SE":
            raise unexpected(seg, "PLB or SE", "after the provider adjustments")
        c.advance()  # SE: already checked by the envelope reader
        self._plb = tuple(plb)
        self._state = "done"

    def _done(self) -> None:
        if self._state != "done":
            raise RuntimeError("read every claim of the stream before its trailer")

    @property
    def provider_adjustments(self) -> tuple[ProviderAdjustment, ...]:
        self._done()
        return self._plb

    @property
    def header_numbers(self) -> tuple[HeaderNumber, ...]:
        self._done()
        return tuple(self._numbers)

    def collect(self) -> Remittance:
        """Read every claim and return the whole transaction."""
        claims = tuple(self.claims())
        return Remittance(self.header, claims, tuple(self._numbers), self._plb)


def _check_835(tx: Transaction, st: Segment | None) -> None:
    gs = tx.group.segment
    if tx.group.functional_id != "HP":
        raise fail(gs, 1, "HP (health care claim payment/advice)", "not an 835 group")
    if tx.group.version not in VERSIONS:
        raise fail(gs, 8, "005010X221A1", "not an 835 (005010X221A1) group")
    if st is None or st.id != "ST":  # pragma: no cover - the envelope reader guarantees ST
        raise RuntimeError("transaction without ST")
    e = padded(st, 3)
    code(st, e, 1, ("835",), "835 (health care claim payment/advice)")
    code(st, e, 3, VERSIONS, "005010X221A1", required=False)


def iter_835(source: Source, *, file_name: str | None = None,
             chunk_size: int = 1 << 20) -> Iterator[RemittanceStream]:
    """One `RemittanceStream` per 835 transaction of `source` (a path, bytes or a binary
    file; a `str` is a path, so pass text as `text.encode()`).

    Read each stream's claims (or drop the stream) before asking for the next one.
    """
    feed = SegmentFeed(source, file_name=file_name, chunk_size=chunk_size)
    memos = Memos()
    try:
        for tx in Remittance835Walker(feed).transactions(stream=True):
            cursor = tx.segments
            if not isinstance(cursor, SegmentCursor):  # pragma: no cover - the walker's own
                raise TypeError("transaction without a segment cursor")
            _check_835(tx, cursor.head)
            yield RemittanceStream(read_header(cursor, tx), cursor, memos)
    finally:
        feed.close()


def read_835(source: Source, *, file_name: str | None = None) -> Iterator[Remittance]:
    """Every 835 transaction of `source` as a `Remittance` (all its claims in memory)."""
    for stream in iter_835(source, file_name=file_name):
        yield stream.collect()
