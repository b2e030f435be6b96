"""The 835 claim fast path: loops 2100/2110 read from raw text, for the common claim.

Why: reading a claim through `Segment` objects, the cursor and one checking call per
element costs about 70 microseconds; a 10,000-claim remittance should post in well under
a second. The fast path reads the claims of one decoded chunk (`SegmentFeed.pieces`) with
plain string and list operations: it splits each segment itself, applies the same checks
as `claim_reading` inline (code lists, maximum lengths, required elements, one DTM per
qualifier...), takes amounts, dates and procedure composites from `fast_values` memos,
and builds the model with `fast_values.builder`. Segments that repeat word for word
(CAS, DTM, AMT, LQ, QTY, SVC) are read once per file: `fast_segments` keeps what it read
by the segment's text, and the claim loops check only what depends on where it stands
(the DTM qualifiers of the loop, one DTM per qualifier).

It only ever *accepts*: whenever a claim holds anything it does not handle -- a value
that fails a check, a segment it does not know, an SE (whose counts the cursor checks),
the end of the chunk -- it gives up on that claim (`NotFast`) before touching the cursor,
and `reading` reads the claim again with `claim_reading.read_claim`, which reports the
error exactly as before (same segment, element, 999 code, and the same order: the fast
path never raises). Rare segments (MIA, MOA, PER, QTY) go through the full reader's own
functions. So both paths give equal claims; the tests compare them on every fixture.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from bhbilling.x12.reader import Segment
from bhbilling.x12.remit835.claim_model import (
    Adjustment,
    Amount,
    ClaimPayment,
    Contact,
    EntityName,
    Quantity,
    Reference,
    Remark,
    ServicePayment,
)
from bhbilling.x12.remit835.claim_reading import STATUSES, medicare, procedure
from bhbilling.x12.remit835.cursor import SegmentCursor
from bhbilling.x12.remit835.fast_segments import (
    AMT,
    CAS,
    DTM,
    LQ,
    PAD,
    QTY,
    REPEATING,
    SVC,
    remember,
)
from bhbilling.x12.remit835.fast_values import Memos, NotFast, builder
from bhbilling.x12.remit835.header_reading import contact

__all__ = ["fast_claims"]

new_segment = tuple.__new__  # Segment is a tuple: build it without a Python __new__

_NAMES = {who: slot for slot, who in enumerate(("QC", "IL", "74", "82", "TT", "PR", "GB"))}
_KINDS = frozenset({"1", "2"})
_CLAIM_DATES = {qualifier: slot for slot, qualifier in enumerate(("232", "233", "036", "050"))}
_NEXT_CLAIM = frozenset({"CLP", "LX", "PLB"})  # ids the cursor may take without a check
_MAX_SEGMENTS = 400  # per claim: its loops and tuples grow by concatenation
_claim = builder(ClaimPayment)
_line = builder(ServicePayment)
_name = builder(EntityName)
_reference = builder(Reference)


def _ref(e: list[str]) -> tuple[str, str]:
    """REF01 (1-3 characters), REF02 (1-50): as `header_reading.reference`."""
    if not 3 <= len(e) <= 5 or not 0 < len(e[1]) <= 3 or not 0 < len(e[2]) <= 50:
        raise NotFast
    return e[1], e[2]


def _service(pieces: list[str], k: int, end: int, svc: tuple[Any, ...], sep: str, m: Memos,
             number: int, base: int) -> tuple[ServicePayment, int, str, Any]:
    """The 2110 loop at pieces[k] (an SVC read as `svc`), ending before pieces[end]: as
    `claim_reading._line`; returns the line, and the index, id and value of the segment
    after it (pieces[k] is segment number base + k + 1)."""
    seen = m.segments
    start = k
    served = begins = ends = None  # DTM*472, DTM*150, DTM*151
    cas: tuple[Adjustment, ...] = ()
    refs: tuple[Reference, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    remarks: tuple[Remark, ...] = ()
    control = ""
    while True:
        k += 1
        if k >= end:
            raise NotFast
        raw = pieces[k]
        hit = seen.get(raw)
        if hit is None:  # not a segment read before: split it (and remember it if it repeats)
            v = raw.split(sep)
            sid = v[0]
            if sid in REPEATING:
                sid, v = remember(raw, v, m)
        else:
            sid, v = hit
        if sid is CAS:
            cas += v  # a tuple: the first CAS of a line is shared, not copied
        elif sid is DTM:
            qualifier = v[0]
            if qualifier == "472" and served is None:
                served = v[1]
            elif qualifier == "150" and begins is None:
                begins = v[1]
            elif qualifier == "151" and ends is None:
                ends = v[1]
            else:
                raise NotFast  # another qualifier, or one DTM*472 too many
        elif sid == "REF":  # as `header_reading.reference`: REF01 1-3, REF02 1-50 characters
            if not 3 <= len(v) <= 5 or not 0 < len(v[1]) <= 3 or not 0 < len(v[2]) <= 50:
                raise NotFast
            if v[1] != "6R":
                refs += (_reference(v[1], v[2]),)
            elif control:
                raise NotFast  # one REF*6R per line
            else:
                control = v[2]
        elif sid is AMT:
            amounts += v
        elif sid is LQ:
            remarks += v
        elif sid is QTY:
            quantities += v
        else:
            break
    line = _line(number, base + start + 1, svc[0], svc[1], svc[2], svc[3], svc[4], svc[5],
                 svc[6], served, begins, ends, cas, control, refs, amounts, quantities, remarks)
    return line, k, sid, v


def _read(cursor: SegmentCursor, e: list[str], index: int, header_number: str, m: Memos,
          ) -> tuple[ClaimPayment, int, list[str]]:
    """The claim at the cursor's head (a CLP, pieces[feed.pos - 1], split as `e`), as
    `read_claim`; returns the claim, and the index and elements of the CLP, LX or PLB
    after it."""
    feed = cursor.feed
    pieces, base, ctx, seen = feed.pieces, feed.base, feed.ctx, m.segments
    sep = ctx.delimiters.element  # type: ignore[union-attr]
    i = k = feed.pos - 1
    end = len(pieces)
    if end > i + _MAX_SEGMENTS:
        end = i + _MAX_SEGMENTS  # longer claims go to the full reader
    n = len(e)
    if n > 15:
        raise NotFast
    institutional = tuple(e[10:15])
    e += PAD[:15 - n]
    if (not 0 < len(e[1]) <= 38 or e[2] not in STATUSES or not 0 < len(e[6]) <= 2
            or not 0 < len(e[7]) <= 50 or len(e[8]) > 2 or len(e[9]) > 1
            or (n > 10 and any(len(v) > 18 for v in institutional))):
        raise NotFast
    money = m.money
    cas: tuple[Adjustment, ...] = ()
    names: list[EntityName | None] = [None] * 7  # in _NAMES order: QC IL 74 82 TT PR GB
    mia = moa = None
    refs: tuple[Reference, ...] = ()
    dates: list[Any] = [None] * 4  # in _CLAIM_DATES order: 232 233 036 050
    contacts: tuple[Contact, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    lines: tuple[ServicePayment, ...] = ()
    while True:
        k += 1
        if k >= end:
            raise NotFast
        raw = pieces[k]
        hit = seen.get(raw)
        if hit is None:
            v = raw.split(sep)
            sid = v[0]
            if sid in REPEATING:
                sid, v = remember(raw, v, m)
        else:
            sid, v = hit
        if sid is SVC:
            while sid is SVC:
                line, k, sid, v = _service(pieces, k, end, v, sep, m, len(lines) + 1, base)
                lines += (line,)
            break
        if sid is CAS:
            cas += v
        elif sid == "NM1":
            size = len(v)
            if size > 13:
                raise NotFast
            v += PAD[:13 - size]
            slot = _NAMES.get(v[1])
            if (slot is None or names[slot] is not None or v[2] not in _KINDS or len(v[3]) > 60
                    or len(v[4]) > 35 or len(v[5]) > 25 or len(v[7]) > 10 or len(v[8]) > 3
                    or len(v[9]) > 80):
                raise NotFast
            names[slot] = _name(v[1], v[2], v[3], v[4], v[5], v[7], v[8], v[9])
        elif sid is DTM:
            slot = _CLAIM_DATES.get(v[0])
            if slot is None or dates[slot] is not None:
                raise NotFast
            dates[slot] = v[1]
        elif sid == "REF":
            refs += (_reference(*_ref(v)),)
        elif sid is AMT:
            amounts += v
        elif sid is QTY:
            quantities += v
        elif sid in _NEXT_CLAIM:
            break
        elif sid in ("PER", "MIA", "MOA"):
            seg = Segment(base + k + 1, tuple(v), ctx)  # type: ignore[arg-type]
            if sid == "PER":
                contacts += (contact(seg),)
            elif sid == "MIA" and mia is None:
                mia = medicare(seg)
            elif sid == "MOA" and moa is None:
                moa = medicare(seg)
            else:
                raise NotFast
        else:
            raise NotFast
    if sid not in _NEXT_CLAIM:
        raise NotFast  # an SE (its counts are the cursor's) or a segment out of place
    claim = _claim(
        index, base + i + 1, e[1], e[2], money[e[3]], money[e[4]], money[e[5]] if e[5] else None,
        e[6], e[7], e[8], e[9], institutional, header_number, cas, *names, mia, moa, refs,
        *dates, contacts, amounts, quantities, lines)
    return claim, k, v


def fast_claims(cursor: SegmentCursor, index: int, header_number: str,
                memos: Memos) -> Generator[ClaimPayment, None, int]:
    """Claims from the cursor's head (a CLP) on, numbered from `index` + 1, for as long as
    the fast path can read them; returns the index of the last one. The cursor then
    stands at the first segment it left (a CLP for `read_claim` to read, or the LX, PLB
    or SE after the claims)."""
    feed = cursor.feed
    memos.ready_for(feed, procedure)
    head = cursor.head
    if head is None or head.elements[0] != "CLP":
        return index
    e = list(head.elements)
    while True:
        try:
            claim, k, after = _read(cursor, e, index + 1, header_number, memos)
        except Exception:  # NotFast, or any surprise: the full reader is the authority
            return index
        feed.pos = k + 1  # the CLP, LX or PLB after the claim is the head now (no check due)
        cursor.head = new_segment(Segment, (feed.base + k + 1, tuple(after), feed.ctx))
        index += 1
        yield claim
        if after[0] != "CLP" or cursor.head is None or feed.pos != k + 1:
            return index
        e = after
