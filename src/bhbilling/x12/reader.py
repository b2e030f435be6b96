"""Streaming X12 reader: bytes in, located segments out, in bounded memory.

Model (X12.5/X12.6 control standards, 005010):
- Delimiters come from the ISA, a fixed-width 106-character segment: the element
  separator is its 4th character, ISA11 the repetition separator (a letter such as "U" in
  004010 means none), ISA16 the component separator, and the next character ends every
  segment. Any characters are accepted as long as they are distinct, not letters, digits
  or spaces. Later ISAs in the same file may declare other delimiters.
- Line breaks are not X12 data: every CR and LF that is not itself a delimiter is dropped
  before splitting, so files with or without line breaks, CRLF or LF, or wrapped at 80
  columns read the same. A UTF-8 byte-order mark and leading whitespace are skipped.
- Decoding is UTF-8 by default (ASCII, the X12 basic and extended character sets, is a
  subset); bytes that are not valid UTF-8 and control characters are rejected as
  X12SyntaxError with 999 IK403=6 (invalid character) at the segment that holds them.
  Pass ``encoding="latin-1"`` for a partner known to send Latin-1.
- The file is read in ``chunk_size`` pieces; only the current chunk and one partial
  segment (at most ``max_segment_length`` characters) are held, so a 1 GB file reads in a
  few MB. Segment numbers are 1-based positions in the whole file (ISA = 1).
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

__all__ = ["ISA_LENGTH", "ReadDelimiters", "Segment", "Source", "iter_segments", "read_delimiters"]

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
    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
    while True:
        try:
            data = stream.read(chunk_size)
        except OSError as exc:
            raise X12Error(f"cannot read the file ({exc})", file=file) from None
        if isinstance(data, str):  # a text stream: already decoded
            if not data:
                return
            yield data
            continue
        if not data:
            yield decoder.decode(b"", final=True)
            return
        yield decoder.decode(data)


def iter_segments(
    source: Source,
    *,
    file_name: str | None = None,
    chunk_size: int = 1 << 20,
    encoding: str = "utf-8",
    max_segment_length: int = MAX_SEGMENT_LENGTH,
) -> Iterator[Segment]:
    """Yield every segment of `source` (a path, a binary file object or bytes) in order.

    Raises X12SyntaxError (never another exception) for input that is not X12; envelope
    structure is not checked here (see `bhbilling.x12.envelope_reader.iter_transactions`).
    """
    if file_name is None and isinstance(source, str | os.PathLike):
        file_name = os.path.basename(os.fspath(source))
    stream, owned = _open(source)
    scanner = _Scanner(file_name, max_segment_length)
    ids_ok, new, number = scanner.ids_ok, _new_tuple, 0
    try:
        # The hot loop lives here, one generator deep: it is most of the reader's cost.
        for pieces, ctx in scanner.batches(
                _text_chunks(stream, max(chunk_size, 1), encoding, file_name)):
            sep = ctx.delimiters.element
            for raw in pieces:
                if not raw:
                    continue
                els = raw.split(sep)
                if els[0] not in ids_ok:
                    scanner.number = number
                    if scanner.resplit_at(raw, els[0]):
                        break
                number += 1
                yield new(Segment, (number, tuple(els), ctx))
            scanner.number = number
    finally:
        if owned:
            stream.close()


class _Scanner:
    """Cuts decoded text into batches of raw segments; state survives across chunks."""

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
                head = pending.lstrip(_BOM + " \t\r\n")
                if len(head) < ISA_LENGTH and text:
                    continue  # need more text to see the whole ISA
                self._configure(head)
                pending = head
            pending = yield from self._split(pending)
            if len(pending) > self.max_len:
                raise self._err(pending, "a segment terminator", "segment longer than "
                                f"{self.max_len} characters", IK403_TOO_LONG)
        if self.ctx is None:
            self._configure(pending)  # raises: the file is shorter than an ISA
        if pending.strip():
            raise self._err(pending, f"a segment terminator {self.ctx.delimiters.segment!r}",
                            "file ends inside a segment (truncated?)", TA105_PREMATURE_END)

    def _split(self, text: str) -> Iterator[tuple[list[str], _Context]]:
        """Yield the complete segments of `text` as one batch; return the unterminated rest."""
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
        yield pieces, self.ctx
        if self._redo is not None:  # a new ISA declared other delimiters: split again from it
            i = next(k for k, p in enumerate(pieces) if p is self._redo)
            self._redo = None
            tail = term.join([*pieces[i:], rest]) + self._tail
            self._configure(tail)
            return (yield from self._split(tail))
        sep = self.ctx.delimiters.element
        if rest.startswith("ISA") and len(rest) >= ISA_LENGTH and (rest[3] != sep or rest[105] != term):
            tail = rest + work[limit:]  # a new interchange whose terminator never occurred above
            self._configure(tail)
            return (yield from self._split(tail))
        if bad:
            self._bad_char(rest, work, limit)
        return rest

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
