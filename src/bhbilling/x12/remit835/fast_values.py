"""Shortcuts for the 835 claim fast path: values read once per distinct text, quick builders.

Why: a remittance repeats itself. A behavioral-health practice bills a handful of
procedure codes at a fixed fee schedule, so the same amounts ("150", "25.50"), dates of
service and SVC01 composites ("HC:90837:95") come back claim after claim. `Memo` reads
each distinct text once with the same checks as `elements` (a hit *is* a checked value,
since only text that passed gets in) and hands out the same immutable value afterwards.
Text that fails raises `NotFast`: the claim is then read again by the full reader, which
names the error exactly (file, segment, element, 999 code).

The memos live as long as one read (`Memos`, one per file) and hold at most
`MEMO_SIZE` entries each (emptied when full), so memory stays bounded and nothing read
from one file is kept after it.

`builder(cls)` makes a function that builds a frozen, slotted model dataclass three to six
times faster than its generated `__init__` (which stores each field through
`object.__setattr__`): it fills an unfrozen twin class with the same slots, then switches
the instance's class. The result is an ordinary instance of `cls` (same fields, equality,
hash, repr, immutability); `builder` checks that at import and falls back to `cls` itself
on a Python where the switch is not allowed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from bhbilling.x12.errors import X12Error
from bhbilling.x12.reader import ReadDelimiters, Segment, SegmentFeed
from bhbilling.x12.remit835.claim_model import ProcedureCode
from bhbilling.x12.remit835.elements import date_value, money_value, quantity_value

__all__ = ["MEMO_SIZE", "Memo", "Memos", "NotFast", "builder"]

MEMO_SIZE = 1024


class NotFast(Exception):
    """The fast path met something only the full reader may judge (never escapes)."""


class Memo(dict):
    """text -> value read by `read` (None from `read` means invalid: raises NotFast)."""

    __slots__ = ("_read",)

    def __init__(self, read: Callable[[str], Any]) -> None:
        super().__init__()
        self._read = read

    def __missing__(self, text: str) -> Any:
        value = self._read(text)
        if value is None:
            raise NotFast(text[:0])  # the text itself may be anything: never carried
        if len(self) >= MEMO_SIZE:
            self.clear()
        self[text] = value
        return value


class Memos:
    """What the fast path remembers while it reads one file (dropped with the reader).

    `segments` maps a segment's raw text to what the fast path read from it, for the
    segments that repeat (CAS, DTM, AMT, LQ, QTY, SVC: see `fast_claims`); the others
    (CLP, NM1, REF) are PHI or unique and are never kept. Values depend on the
    delimiters, so everything is forgotten when a later interchange changes them.
    """

    __slots__ = ("dates", "delimiters", "money", "procedures", "quantities", "segments")

    def __init__(self) -> None:
        self.money = Memo(money_value)  # R money: Decimal with two places
        self.quantities = Memo(quantity_value)  # R numbers: units, CAS04, QTY02
        self.dates = Memo(date_value)  # DT CCYYMMDD
        self.procedures: Memo | None = None  # SVC01/SVC06 composites
        self.segments: dict[str, tuple[str, Any]] = {}
        self.delimiters: ReadDelimiters | None = None

    def ready_for(self, feed: SegmentFeed, parse: Callable[[Segment], ProcedureCode]) -> None:
        """Follow the feed's delimiters; `parse` is the full reader's SVC01 check, given a
        one-element segment holding the composite."""
        ctx = feed.ctx
        delims = ctx.delimiters  # type: ignore[union-attr]
        if delims == self.delimiters:
            return

        def read(text: str) -> ProcedureCode | None:
            try:
                return parse(Segment(0, ("SVC", text), ctx))  # type: ignore[arg-type]
            except X12Error:
                return None

        self.delimiters = delims
        self.procedures = Memo(read)
        self.segments = {}

    def remember(self, raw: str, read: tuple[str, Any]) -> tuple[str, Any]:
        """Keep what was read from segment text `raw` (forgetting all when full)."""
        if len(self.segments) >= MEMO_SIZE:
            self.segments.clear()
        self.segments[raw] = read
        return read


def builder(cls: type) -> Callable[..., Any]:
    """A positional constructor for frozen slotted dataclass `cls`, all fields required."""
    names = [f.name for f in dataclasses.fields(cls)]
    if tuple(names) != tuple(getattr(cls, "__slots__", ())) or not all(
            n.isidentifier() for n in names):
        return cls
    twin = type(f"_{cls.__name__}Builder", (), {"__slots__": tuple(names)})
    args = ", ".join(names)
    body = "".join(f"    o.{n} = {n}\n" for n in names)
    code = f"def build({args}):\n    o = new(twin)\n{body}    o.__class__ = cls\n    return o\n"
    space: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(code, space)  # noqa: S102 - generated from the dataclass's own field names
    build = space["build"]
    probe = [object() for _ in names]
    try:
        made = build(*probe)
    except TypeError:  # pragma: no cover - a Python that refuses the class switch
        return cls
    if type(made) is not cls or made != cls(*probe):  # pragma: no cover - same
        return cls
    return build

