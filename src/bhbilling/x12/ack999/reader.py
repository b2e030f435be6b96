"""Read 999 implementation acknowledgments (005010X231A1) into `model` objects.

Why: the 999 is the first answer to every 837P batch; a claim whose transaction set came
back IK5 "R" never reached the payer and must be corrected and sent again. The reader
walks the guide's structure (section 2.4): ST*999, AK1, then per acknowledged set loop
2000 (AK2, loop 2100 IK3 with CTX and loop 2110 IK4 with CTX, IK5), AK9, SE. Codes are
checked against the guide's lists (IK304, IK403, IK501, IK502, AK901, AK905) so a
garbled acknowledgment cannot pass for an acceptance. Envelope problems come from
`envelope_reader` (`X12EnvelopeError`); everything else is an `X12ValueError` naming the
file, segment number, segment id and element. ST03 may say 005010X231A1 or the
pre-addenda 005010X231, which some senders still use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bhbilling.x12.ack999.model import (
    Acknowledgment,
    Context,
    ElementNote,
    SegmentNote,
    TransactionResponse,
)
from bhbilling.x12.envelope_reader import Transaction, iter_transactions
from bhbilling.x12.errors import (
    IK304_MISSING_SEGMENT,
    IK304_UNEXPECTED_SEGMENT,
    IK403_INVALID_CHARACTER,
    IK403_INVALID_CODE,
    X12ValueError,
)
from bhbilling.x12.reader import Segment, Source

__all__ = ["VERSIONS", "iter_999", "read_999"]

VERSIONS = ("005010X231A1", "005010X231")
_IK304 = frozenset({"1", "2", "3", "4", "5", "6", "7", "8", "I4", "I6", "I7", "I8", "I9"})
_IK403 = frozenset({*(str(n) for n in range(1, 14)), "I6", "I9", "I10", "I11", "I12", "I13"})
_IK501 = frozenset({"A", "E", "M", "R", "W", "X"})
_IK502 = frozenset({*(str(n) for n in (*range(1, 14), *range(15, 20), *range(23, 28))), "I5", "I6"})
_AK901 = frozenset({"A", "E", "M", "P", "R", "W", "X"})
_AK905 = frozenset(str(n) for n in (*range(1, 7), *range(10, 20), *range(23, 27)))


def _code(seg: Segment, pos: int, allowed: frozenset[str], what: str) -> str:
    value = seg[pos]
    if value not in allowed:
        raise seg.error(pos, what, ack_code=IK403_INVALID_CODE)
    return value


def _count(seg: Segment, pos: int, what: str) -> int:
    value = seg.require(pos, what)
    if not (value.isascii() and value.isdigit()):
        raise seg.error(pos, what, ack_code=IK403_INVALID_CHARACTER)
    return int(value)


def _opt_int(seg: Segment, value: str, pos: int, what: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise seg.error(pos, what, ack_code=IK403_INVALID_CHARACTER)
    return int(value)


def _codes(seg: Segment, first: int, allowed: frozenset[str], what: str) -> tuple[str, ...]:
    """IK502..IK506 or AK905..AK909: up to five codes, each from `allowed`."""
    return tuple(_code(seg, pos, allowed, what) for pos in range(first, first + 5) if seg[pos])


def _missing(where: Segment, expected: str) -> X12ValueError:
    return X12ValueError("required segment missing or segment out of order", file=where.file,
                         segment_number=where.number, segment_id=where.id, expected=expected,
                         found=where.id, ack_code=IK304_MISSING_SEGMENT)


class _Cursor:
    """Position in one transaction's segments (ST first, SE last)."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segs = segments
        self.i = 1  # after ST

    @property
    def head(self) -> Segment:
        return self.segs[self.i]

    def take(self, sid: str, expected: str) -> Segment:
        seg = self.head
        if seg.id != sid:
            raise _missing(seg, expected)
        self.i += 1
        return seg

    def opt(self, sid: str) -> Segment | None:
        if self.head.id != sid:
            return None
        self.i += 1
        return self.segs[self.i - 1]


def _context(ctx: Segment) -> Context:
    """CTX01 name[:reference], CTX02 segment id, CTX03 position, CTX04 loop."""
    name = ctx.component(1, 1) or ctx.require(1, "a context name (CTX01-1)")
    return Context(name, ctx.component(1, 2), ctx[2], _opt_int(ctx, ctx[3], 3, "a segment position"),
                   ctx[4])


def _contexts(c: _Cursor) -> tuple[Context, ...]:
    out: list[Context] = []
    while (ctx := c.opt("CTX")) is not None:
        out.append(_context(ctx))
    return tuple(out)


def _element_note(ik4: Segment, contexts: tuple[Context, ...]) -> ElementNote:
    """IK401 position[:component[:repetition]], IK402, IK403, IK404."""
    parts = ik4.components(1) or ("",)
    position = _opt_int(ik4, parts[0], 1, "an element position (IK401-1)")
    if position is None:
        raise ik4.error(1, "an element position (IK401-1)", ack_code=IK304_MISSING_SEGMENT)
    component = _opt_int(ik4, parts[1] if len(parts) > 1 else "", 1, "a component position")
    repetition = _opt_int(ik4, parts[2] if len(parts) > 2 else "", 1, "a repetition position")
    code = _code(ik4, 3, _IK403, "an IK403 data element error code (1-13, I6, I9-I13)")
    return ElementNote(position, component, repetition, ik4[2], code, ik4.number, ik4[4], contexts)


def _segment_note(c: _Cursor, ik3: Segment) -> SegmentNote:
    """Loop 2100: IK3, CTX..., then loop 2110 IK4 + CTX... for each element in error."""
    position = _count(ik3, 2, "the segment position in the transaction set (IK302)")
    code = _code(ik3, 4, _IK304 | {""}, "an IK304 segment error code (1-8, I4, I6-I9)")
    contexts = _contexts(c)
    elements: list[ElementNote] = []
    while (ik4 := c.opt("IK4")) is not None:
        elements.append(_element_note(ik4, _contexts(c)))
    return SegmentNote(ik3.require(1, "a segment id (IK301)"), position, ik3[3], code, ik3.number,
                       contexts, tuple(elements))


def _response(c: _Cursor, ak2: Segment) -> TransactionResponse:
    """Loop 2000: AK2, IK3 loops, IK5."""
    notes: list[SegmentNote] = []
    while (ik3 := c.opt("IK3")) is not None:
        notes.append(_segment_note(c, ik3))
    ik5 = c.take("IK5", "IK5 (closes loop 2000 of each AK2)")
    status = _code(ik5, 1, _IK501, "an IK501 acknowledgment code (A, E, M, R, W or X)")
    return TransactionResponse(ak2.require(1, "a transaction set id (AK201)"),
                               ak2.require(2, "the acknowledged ST02 (AK202)"), ak2[3], status,
                               _codes(ik5, 2, _IK502, "an IK502 transaction set error code"),
                               ak2.number, tuple(notes))


def _acknowledgment(tx: Transaction) -> Acknowledgment:
    segs = tx.segments
    assert isinstance(segs, tuple)
    st = segs[0]
    if st[1] != "999":
        raise st.error(1, "999 (this reader reads implementation acknowledgments)",
                       ack_code=IK403_INVALID_CODE)
    version = st[3] or tx.group.version
    if version not in VERSIONS:
        raise st.error(3, " or ".join(VERSIONS), ack_code=IK403_INVALID_CODE)
    c = _Cursor(segs)
    ak1 = c.take("AK1", "AK1 (functional group response header)")
    responses: list[TransactionResponse] = []
    while (ak2 := c.opt("AK2")) is not None:
        responses.append(_response(c, ak2))
    ak9 = c.take("AK9", "AK2 or AK9")
    if c.head.id != "SE":
        seg = c.head
        raise X12ValueError(f"{seg.id} after AK9", file=seg.file, segment_number=seg.number,
                            segment_id=seg.id, expected="SE after AK9", found=seg.id,
                            ack_code=IK304_UNEXPECTED_SEGMENT)
    ic = tx.group.interchange
    return Acknowledgment(
        st.file, tx.control_number, ic.control_number, tx.group.sender, tx.group.receiver, version,
        ak1.require(1, "a functional identifier (AK101)"), ak1.require(2, "a group control number"),
        ak1[3], tuple(responses),
        _code(ak9, 1, _AK901, "an AK901 acknowledgment code (A, E, M, P, R, W or X)"),
        _count(ak9, 2, "the number of transaction sets included (AK902)"),
        _count(ak9, 3, "the number of received transaction sets (AK903)"),
        _count(ak9, 4, "the number of accepted transaction sets (AK904)"),
        _codes(ak9, 5, _AK905, "an AK905 functional group error code"))


def iter_999(source: Source, *, file_name: str | None = None) -> Iterator[Acknowledgment]:
    """Each 999 transaction set of `source` (a path, bytes or a binary stream) in file order.

    Raises `X12Error` (syntax, envelope or value), located; a file holding another set
    (837, 835...) fails at its ST01.
    """
    for tx in iter_transactions(source, file_name=file_name):
        yield _acknowledgment(tx)


def read_999(source: Source, *, file_name: str | None = None) -> list[Acknowledgment]:
    """Every 999 transaction set of `source`; see `iter_999`."""
    return list(iter_999(source, file_name=file_name))
