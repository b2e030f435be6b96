"""Streaming X12 reader: bytes in, located segments out, in bounded memory.

Model (X12.5/X12.6 control standards, 005010):
- Delimiters come from the ISA, a fixed-width 106-character segment: the element
  separator is its 4th character, ISA11 the repetition separator (a letter such as "U" in
  004010 means none), ISA16 the component separator, and the next character ends every
  segment. Any characters are accepted as long as they are distinct, not letters, digits
  or spaces. Later ISAs in the same file may declare other delimiters.
- Line breaks are not X12 data: every CR and LF that is not itself a delimiter is dropped
  before splitting, so files with or without line breaks, CRLF or LF, or wrapped at 80
  columns read the same -- also when the wrap falls inside the fixed-width ISA. A UTF-8
  byte-order mark and leading whitespace are skipped.
- Decoding is UTF-8 by default (ASCII, the X12 basic and extended character sets, is a
  subset); bytes that are not valid UTF-8 and control characters are rejected as
  X12SyntaxError with 999 IK403=6 (invalid character) at the segment that holds them.
  Pass ``encoding="latin-1"`` for a partner known to send Latin-1.
- The file is read in ``chunk_size`` pieces; only the current chunk and one partial
  segment are held, so a 1 GB file reads in a few MB. No segment may be longer than
  ``max_segment_length`` characters (X12ValueError, 999 IK403=5), whether or not it spans
  chunks. Segment numbers are 1-based positions in the whole file (ISA = 1).
- `iter_segments` yields one `Segment` per segment; `SegmentFeed` gives the same
  segments a chunk at a time as raw text, for readers that build their own values
  (the 835 reader) and only need a `Segment` to report an error.
- A ``Segment`` keeps the id at ``elements[0]``, so the index IS the X12 position:
  ``seg[4]`` is CLP04. Positions past the end read as "" (X12 drops trailing empty
  elements), so callers never meet an IndexError.
- Limitation: a later interchange may change any delimiter except to a CR/LF segment
  terminator when the first one used a printable terminator (those line breaks were
  already dropped as formatting).
Envelopes (ISA/GS/ST..SE/GE/IEA) are grouped and checked in `bhbilling.x12.envelope_reader`.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from bhbilling.x12.errors import (
    IK304_UNRECOGNIZED_SEGMENT,
    IK403_INVALID_CHARACTER,
    IK403_REQUIRED_MISSING,
    IK403_TOO_LONG,
    TA105_BAD_COMPONENT_SEPARATOR,
    TA105_BAD_CONTROL_STRUCTURE,
    TA105_BAD_ELEMENT_SEPARATOR,
    TA105_BAD_SEGMENT_TERMINATOR,
    TA105_PREMATURE_END,
    AckCode,
    X12Error,
    X12SyntaxError,
    X12ValueError,
)

__all__ = [
    "ISA_LENGTH", "ReadDelimiters", "Segment", "SegmentFeed", "Source", "iter_segments",
    "read_delimiters",
]

Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes]
ISA_LENGTH = 106  # "ISA" + 16 separators + 86 fixed-width characters + the terminator
MAX_SEGMENT_LENGTH = 100_000
_ISA_SEPARATORS = (3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103)
_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{1,2}")
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class ReadDelimiters:
    """Delimiters declared by one ISA (same attribute names as the writer's Delimiters)."""

    element: str
    component: str
    repetition: str | None
    segment: str


try:  # the C accessor namedtuple uses; reads the tuple slot, bypassing __getitem__
    from collections import _tuplegetter  # type: ignore[attr-defined]

    def _field(index: int):
        return _tuplegetter(index, None)
except ImportError:  # pragma: no cover - other Pythons
    def _field(index: int):
        return property(lambda self: tuple.__getitem__(self, index))

_new_tuple = tuple.__new__


class _Context:
    """Shared by every segment of one interchange: where it came from, how it is split."""

    __slots__ = ("delimiters", "file")

    def __init__(self, file: str | None, delimiters: ReadDelimiters) -> None:
        self.file = file
        self.delimiters = delimiters


class Segment(tuple):
    """One segment: `number` (1-based in the file), `id`, `elements` with the id at [0].

    A tuple subclass (number, elements, context) only because C-level construction keeps
    the reader near plain-split speed; index it by X12 position, not as a tuple.
    """

    __slots__ = ()

    number: int = _field(0)  # type: ignore[assignment]
    elements: tuple[str, ...] = _field(1)  # type: ignore[assignment]
    _ctx: _Context = _field(2)  # type: ignore[assignment]

    def __new__(cls, number: int, elements: tuple[str, ...], ctx: _Context) -> Segment:
        return _new_tuple(cls, (number, elements, ctx))

    def __iter__(self) -> Iterator[str]:
        return iter(self.elements)

    @property
    def id(self) -> str:
        return self.elements[0]

    @property
    def file(self) -> str | None:
        return self._ctx.file

    @property
    def delimiters(self) -> ReadDelimiters:
        return self._ctx.delimiters

    def __getitem__(self, position: int) -> str:
        """Element at X12 position (seg[4] is CLP04); "" when absent, never IndexError."""
        els = self.elements
        return els[position] if 0 <= position < len(els) else ""

    def get(self, position: int, default: str = "") -> str:
        value = self[position]
        return value if value else default

    def __len__(self) -> int:
        """Number of data elements present (the id not counted)."""
        return len(self.elements) - 1

    def components(self, position: int) -> tuple[str, ...]:
        """A composite split on the component separator (SVC01 "HC:90837:95" -> 3 parts)."""
        value = self[position]
        return tuple(value.split(self._ctx.delimiters.component)) if value else ()

    def component(self, position: int, sub: int) -> str:
        """Component `sub` (1-based) of element `position`; "" when absent."""
        parts = self.components(position)
        return parts[sub - 1] if 0 < sub <= len(parts) else ""

    def repeats(self, position: int) -> tuple[str, ...]:
        """A repeating element split on the ISA11 repetition separator."""
        value = self[position]
        rep = self._ctx.delimiters.repetition
        if not value:
            return ()
        return tuple(value.split(rep)) if rep else (value,)

    def where(self, position: int | None = None) -> str:
        """'CLP04' for position 4 (the element label used in errors)."""
        return f"{self.id}{position:02d}" if position is not None else ""

    def error(
        self,
        position: int | None,
        expected: str,
        *,
        message: str = "",
        ack_code: AckCode | None = None,
        cls: type[X12Error] = X12ValueError,
    ) -> X12Error:
        """An X12Error located at this segment and element, for the caller to raise."""
        return cls(
            message,
            file=self.file,
            segment_number=self.number,
            segment_id=self.id,
            element=self.where(position) or None,
            expected=expected,
            found=self[position] if position is not None else None,
            ack_code=ack_code,
        )

    def require(self, position: int, expected: str = "a value") -> str:
        """The element's value, or X12ValueError (999 IK403=1) when it is empty."""
        value = self[position]
        if not value:
            raise self.error(position, expected, message="required element missing",
                             ack_code=IK403_REQUIRED_MISSING)
        return value

    def __repr__(self) -> str:  # no element values: they may hold PHI
        return f"<Segment {self.number} {self.id} ({len(self)} elements)>"


def _isa_error(file: str | None, element: str | None, expected: str, found: str | None,
               ack: AckCode, message: str = "") -> X12SyntaxError:
    return X12SyntaxError(message, file=file, segment_number=1 if element else None,
                          segment_id="ISA", element=element, expected=expected, found=found,
                          ack_code=ack)


def read_delimiters(head: bytes | str, *, file_name: str | None = None) -> ReadDelimiters:
    """Delimiters from the ISA at the start of `head` (BOM and leading whitespace skipped).

    Raises X12SyntaxError when there is no ISA, it is shorter than 106 characters, its
    fixed-width elements have the wrong widths, or the delimiters are not usable.
    """
    text = head.decode("latin-1") if isinstance(head, bytes | bytearray) else str(head)
    text = text.removeprefix("\xef\xbb\xbf").removeprefix(_BOM).lstrip()
    if not text.startswith("ISA"):
        raise X12SyntaxError("the file does not start with an interchange header", file=file_name,
                             segment_number=1, expected="'ISA'", found=text[:3],
                             ack_code=TA105_BAD_CONTROL_STRUCTURE)
    if len(text) < ISA_LENGTH:
        raise _isa_error(file_name, "ISA16", f"an ISA of {ISA_LENGTH} characters",
                         text.rstrip("\r\n"), TA105_PREMATURE_END, "interchange header truncated")
    sep = text[3]
    if sep.isalnum() or sep == " ":
        raise _isa_error(file_name, "ISA01", "an element separator (not a letter, digit or space)",
                         sep, TA105_BAD_ELEMENT_SEPARATOR)
    if any(text[i] != sep for i in _ISA_SEPARATORS):
        fields = text[4:ISA_LENGTH + 20].split(sep)
        for pos, width in enumerate(_ISA_WIDTHS, start=1):
            value = fields[pos - 1] if pos <= len(fields) else ""
            if len(value) != width and pos < 16:
                raise _isa_error(file_name, f"ISA{pos:02d}", f"exactly {width} characters",
                                 value, TA105_BAD_CONTROL_STRUCTURE, "fixed-width ISA element")
        raise _isa_error(file_name, "ISA16", "fixed-width ISA elements", text[:ISA_LENGTH],
                         TA105_BAD_CONTROL_STRUCTURE)
    rep, comp, term = text[82], text[104], text[105]
    if comp.isalnum() or comp == " " or comp == sep:
        raise _isa_error(file_name, "ISA16", "a component separator distinct from the others",
                         comp, TA105_BAD_COMPONENT_SEPARATOR)
    if term.isalnum() or term == " " or term in (sep, comp):
        raise _isa_error(file_name, "ISA16", "a segment terminator after ISA16", term,
                         TA105_BAD_SEGMENT_TERMINATOR)
    repetition: str | None = rep
    if rep.isalnum() or rep == " ":
        repetition = None  # 004010 "U" (standards identifier): no repetition separator
    elif rep in (sep, comp, term):
        raise _isa_error(file_name, "ISA11", "a repetition separator distinct from the others",
                         rep, TA105_BAD_CONTROL_STRUCTURE)
    return ReadDelimiters(sep, comp, repetition, term)


def _plain(char: str) -> bool:
    """Can `char` be an ISA delimiter? Not a letter, digit, space or line break."""
    return bool(char) and not (char.isalnum() or char in " \r\n")


def _unwrap_isa(head: str, final: bool) -> str | None:
    """`head` with line breaks inside its fixed-width ISA removed (a file wrapped at 80
    columns breaks inside it); None while more text is needed to see the whole ISA.

    An ISA read as it stands is kept unless a line break sits where a separator or ISA16
    should be, and the ISA read without line breaks has every separator in place and a
    terminator that is not a line break; so an ISA that uses CR or LF as a delimiter reads
    as before. After ISA16 the terminator is the next character, unless that is a line
    break followed by a character that can end a segment (a line break right before "~"):
    a segment id never starts with one.
    """
    if len(head) < ISA_LENGTH:
        return head if final else None
    size = len(head)
    if _plain(head[3]) and _plain(head[104]) and all(head[k] == head[3] for k in _ISA_SEPARATORS):
        isa, i = head[:ISA_LENGTH - 1], ISA_LENGTH - 1  # as read: only the end may be wrapped
    else:
        kept: list[str] = []
        i = 0
        while len(kept) < ISA_LENGTH - 1 and i < size:
            if head[i] not in "\r\n":
                kept.append(head[i])
            i += 1
        if i >= size and not final:
            return None  # the whole ISA and its terminator are not there yet
        isa = "".join(kept)
        if (len(isa) < ISA_LENGTH - 1 or i >= size or not _plain(isa[3]) or not _plain(isa[104])
                or any(isa[k] != isa[3] for k in _ISA_SEPARATORS)):
            return head  # not a wrapped ISA: read_delimiters says what is wrong, if anything
    j = i
    while j < size and head[j] in "\r\n":
        j += 1
    if j > i:  # a line break right after ISA16: wrapping, or the terminator itself?
        if j >= size and not final:
            return None
        if j < size and _plain(head[j]):
            i = j  # "...*:\r\n~": the line break is wrapping, "~" the terminator
    if i == ISA_LENGTH - 1:
        return head
    return isa + head[i:] if _plain(head[i]) else head  # a wrapped file ends segments in "~"


def _open(source: Source) -> tuple[IO, bool]:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source), True
    if isinstance(source, str | os.PathLike):
        try:
            return open(source, "rb"), True
        except OSError as exc:
            raise X12Error(f"cannot read the file ({exc.strerror})", file=str(source)) from None
    return source, False


def _text_chunks(stream: IO, chunk_size: int, encoding: str, file: str | None) -> Iterator[str]:
    """Decoded text; always ends with one final piece ("" or the decoder's remainder)."""
    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
    while True:
        try:
            data = stream.read(chunk_size)
        except OSError as exc:
            raise X12Error(f"cannot read the file ({exc})", file=file) from None
        if isinstance(data, str):  # a text stream: already decoded
            yield data
            if not data:
                return
            continue
        if not data:
            yield decoder.decode(b"", final=True)
            return
        yield decoder.decode(data)


class SegmentFeed:
    """The complete segments of a file as raw text, one decoded chunk at a time.

    For readers that want segments faster than one `Segment` object each (the 835 reader):
    `pieces` is the current chunk's segments, not empty, not yet split on the element
    separator; `pos` is the next one to hand out and `base` the number of segments before
    `pieces[0]`, so pieces[k] is segment number base + k + 1. `fetch()` hands out one
    checked `Segment`; a fast reader may also read pieces[pos:] itself, provided it stops
    at any segment id it does not know (ids are checked on the way out: a bad id, or a
    later ISA that re-splits the rest, is met in file order) and then moves `pos`.
    Call `close()` when done (it closes a file the feed opened).
    """

    def __init__(self, source: Source, *, file_name: str | None = None,
                 chunk_size: int = 1 << 20, encoding: str = "utf-8",
                 max_segment_length: int = MAX_SEGMENT_LENGTH) -> None:
        if file_name is None and isinstance(source, str | os.PathLike):
            file_name = os.path.basename(os.fspath(source))
        self.file = file_name
        self._stream, self._owned = _open(source)
        self._scanner = _Scanner(file_name, max_segment_length)
        self._batches = self._scanner.batches(
            _text_chunks(self._stream, max(chunk_size, 1), encoding, file_name))
        self.ids_ok = self._scanner.ids_ok
        self.pieces: list[str] = []
        self.pos = 0
        self.base = 0
        self.ctx: _Context | None = None

    def load(self) -> bool:
        """Replace the consumed pieces by the next chunk's; False at the end of the file.

        Errors found past the last complete segment (invalid character, segment too long,
        truncated file) are raised here, numbered after the segments handed out.
        """
        self.base += self.pos
        self.pos = 0
        self.pieces = []
        self._scanner.number = self.base
        for pieces, ctx in self._batches:
            if pieces:
                self.pieces, self.ctx = pieces, ctx
                return True
        return False

    def check_id(self, raw: str, sid: str) -> bool:
        """Check pieces[pos], an id not seen before; True when it is an ISA that declared
        other delimiters (the pieces from it on were re-split: read pieces[0] again)."""
        self._scanner.number = self.base + self.pos
        if not self._scanner.resplit_at(raw, sid):
            return False
        self.load()
        return True

    def fetch(self) -> Segment | None:
        """The next segment, its id checked; None at the end of the file."""
        while True:
            if self.pos >= len(self.pieces) and not self.load():
                return None
            raw = self.pieces[self.pos]
            els = raw.split(self.ctx.delimiters.element)  # type: ignore[union-attr]
            if els[0] not in self.ids_ok and self.check_id(raw, els[0]):
                continue
            self.pos += 1
            return _new_tuple(Segment, (self.base + self.pos, tuple(els), self.ctx))

    @property
    def number(self) -> int:
        """Segments handed out so far (the number of the last one)."""
        return self.base + self.pos

    def close(self) -> None:
        self._batches.close()
        if self._owned:
            self._stream.close()


def iter_segments(
    source: Source,
    *,
    file_name: str | None = None,
    chunk_size: int = 1 << 20,
    encoding: str = "utf-8",
    max_segment_length: int = MAX_SEGMENT_LENGTH,
) -> Iterator[Segment]:
    """Yield every segment of `source` (a path, a binary file object or bytes) in order.

    Raises X12SyntaxError (never another exception) for input that is not X12, or
    X12ValueError for a segment longer than `max_segment_length`; envelope structure is
    not checked here (see `bhbilling.x12.envelope_reader.iter_transactions`).
    """
    feed = SegmentFeed(source, file_name=file_name, chunk_size=chunk_size, encoding=encoding,
                       max_segment_length=max_segment_length)
    new = _new_tuple
    try:
        # The hot loop lives here, one generator deep: it is most of the reader's cost.
        while feed.pos < len(feed.pieces) or feed.load():
            pieces, ctx, ids_ok, start = feed.pieces, feed.ctx, feed.ids_ok, feed.pos
            sep = ctx.delimiters.element  # type: ignore[union-attr]
            number = feed.base + start
            for raw in pieces[start:] if start else pieces:
                els = raw.split(sep)
                if els[0] not in ids_ok:
                    feed.pos = number - feed.base
                    if feed.check_id(raw, els[0]):
                        break  # a new ISA re-split the rest: start over from it
                number += 1
                yield new(Segment, (number, tuple(els), ctx))
            else:
                feed.pos = len(pieces)
    finally:
        feed.close()


class _Scanner:
    """Cuts decoded text into batches of raw segments; state survives across chunks.

    `number` (segments handed out before the current point) is kept by the consumer, so
    errors found here are numbered after them.
    """

    def __init__(self, file: str | None, max_len: int) -> None:
        self.file = file
        self.max_len = max_len
        self.number = 0
        self.ctx: _Context | None = None
        self.ids_ok: set[str] = set()
        self._redo: str | None = None
        self._tail = ""

    def _configure(self, text: str) -> None:
        delims = read_delimiters(text, file_name=self.file)
        self.ctx = _Context(self.file, delims)
        own = {delims.element, delims.component, delims.segment, delims.repetition or ""}
        self.strip_chars = [c for c in "\r\n" if c not in own]
        self.strip = str.maketrans("", "", "".join(self.strip_chars))
        bad = "".join(chr(c) for c in (*range(0x20), 0x7F) if chr(c) not in own)
        self.strip_bad = str.maketrans("", "", "".join(self.strip_chars) + bad)
        self.bad = re.compile("[" + re.escape(bad) + "\ud800-\udfff]")

    def batches(self, chunks: Iterable[str]) -> Iterator[tuple[list[str], _Context]]:
        pending = ""
        for text in chunks:
            pending += text
            if self.ctx is None:
                head = _unwrap_isa(pending.lstrip(_BOM + " \t\r\n"), final=not text)
                if head is None:
                    continue  # need more text to see the whole ISA
                self._configure(head)
                pending = head
            pending = yield from self._split(pending)
            if len(pending) > self.max_len:
                raise self._too_long(pending)
        if self.ctx is None:
            self._configure(pending)  # raises: the file is shorter than an ISA
        if pending.strip():
            raise self._err(pending, f"a segment terminator {self.ctx.delimiters.segment!r}",
                            "file ends inside a segment (truncated?)", TA105_PREMATURE_END)

    def _split(self, text: str) -> Iterator[tuple[list[str], _Context]]:
        """Yield the complete segments of `text` as one batch; return the unterminated rest.

        The batch holds no empty segment ("~~") and stops before the first segment that
        is longer than `max_len`, which is reported once the batch is consumed.
        """
        work = text.translate(self.strip_bad)  # one pass: line breaks and control characters
        removed = sum(text.count(c) for c in self.strip_chars)
        bad = None
        if len(text) - len(work) != removed or not work.isascii():
            work = text.translate(self.strip)
            bad = self.bad.search(work)
        limit = bad.start() if bad else len(work)
        term = self.ctx.delimiters.segment
        pieces = work[:limit].split(term) if bad else work.split(term)
        rest = pieces.pop()
        self._tail = work[limit:]
        self._pieces, self._rest = pieces, rest
        batch = [p for p in pieces if p] if "" in pieces else pieces  # "~~": no segment
        long = self._first_long(work, limit, batch)
        yield (batch[:long] if long is not None else batch), self.ctx
        if self._redo is not None:  # a new ISA declared other delimiters: split again from it
            i = next(k for k, p in enumerate(pieces) if p is self._redo)
            self._redo = None
            tail = term.join([*pieces[i:], rest]) + self._tail
            self._configure(tail)
            return (yield from self._split(tail))
        if long is not None:
            raise self._too_long(batch[long])
        sep = self.ctx.delimiters.element
        if rest.startswith("ISA") and len(rest) >= ISA_LENGTH and (rest[3] != sep or rest[105] != term):
            tail = rest + work[limit:]  # a new interchange whose terminator never occurred above
            self._configure(tail)
            return (yield from self._split(tail))
        if bad:
            self._bad_char(rest, work, limit)
        return rest

    def _first_long(self, work: str, limit: int, batch: list[str]) -> int | None:
        """Index of the first segment of `batch` longer than `max_len`, cheaply: a segment
        that long holds a whole window of `step` characters without a terminator, and such
        windows are rare, so one `find` per window is all a normal chunk costs."""
        step = max((self.max_len + 1) // 2, 1)
        term = self.ctx.delimiters.segment  # type: ignore[union-attr]
        find = work.find
        for start in range(0, limit - step + 1, step):
            if find(term, start, start + step) < 0:
                return next((k for k, p in enumerate(batch) if len(p) > self.max_len), None)
        return None

    def resplit_at(self, raw: str, sid: str) -> bool:
        """Check a segment id not seen before; True when `raw` is an ISA with new delimiters."""
        if raw.startswith("ISA"):
            if sid == "ISA" and len(raw) == ISA_LENGTH - 1:
                return False
            delims = self.ctx.delimiters
            i = next(k for k, p in enumerate(self._pieces) if p is raw)
            tail = delims.segment.join([*self._pieces[i:], self._rest]) + self._tail
            try:
                new = read_delimiters(tail, file_name=self.file)
            except X12SyntaxError as exc:
                exc.segment_number = self.number + 1
                raise
            if new == delims:
                return False  # same delimiters, wrong ISA width: the envelope check names it
            self._redo = raw
            return True
        if not _SEGMENT_ID.fullmatch(sid):
            raise self._err(raw, "a segment id of 2-3 capital letters or digits",
                            "invalid segment identifier", IK304_UNRECOGNIZED_SEGMENT, found=sid[:10])
        self.ids_ok.add(sid)
        return False

    def _err(self, raw: str, expected: str, message: str, ack: AckCode,
             found: str | None = None, element: str | None = None) -> X12SyntaxError:
        sep = self.ctx.delimiters.element if self.ctx else "*"
        seg_id = raw.split(sep, 1)[0][:3] or None
        return X12SyntaxError(message, file=self.file, segment_number=self.number + 1,
                              segment_id=seg_id, element=element, expected=expected,
                              found=found, ack_code=ack)

    def _too_long(self, raw: str) -> X12ValueError:
        """A segment over `max_len` (999 IK403=5), located at the element that makes it so
        long when one does (at least half the segment); the value itself is never shown."""
        els = raw.split(self.ctx.delimiters.element)  # type: ignore[union-attr]
        longest = max(range(1, len(els)), key=lambda k: len(els[k]), default=0)
        seg_id = els[0][:3] or None
        named = longest and seg_id and 2 * len(els[longest]) >= len(raw)
        return X12ValueError(
            f"segment longer than {self.max_len} characters", file=self.file,
            segment_number=self.number + 1, segment_id=seg_id,
            element=f"{seg_id}{longest:02d}" if named else None,
            expected=f"a segment of at most {self.max_len} characters",
            found=f"more than {self.max_len} characters", ack_code=IK403_TOO_LONG)

    def _bad_char(self, rest: str, work: str, limit: int) -> None:
        sep, term = self.ctx.delimiters.element, self.ctx.delimiters.segment
        end = work.find(term, limit)
        seg = rest + (work[limit:end] if end >= 0 else work[limit:])
        position = rest.count(sep)
        char = work[limit]
        shown = f"\\x{ord(char) & 0xFF:02x}" if 0xD800 <= ord(char) <= 0xDFFF else repr(char)
        seg_id = seg.split(sep, 1)[0][:3]
        raise self._err(seg, "X12 characters (valid UTF-8, no control characters)",
                        f"invalid character {shown}", IK403_INVALID_CHARACTER,
                        element=f"{seg_id}{position:02d}" if position else None)
