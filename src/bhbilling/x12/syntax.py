"""X12 5010 syntax: delimiters, segment building and element value formats.

Why this module exists:
- Delimiters are declared by the interchange header (ISA, X12.5 / 005010 control
  standards): the element separator is the 4th character of ISA, ISA11 the repetition
  separator, ISA16 the component separator, and the character after ISA16 ends every
  segment. They are configurable because some trading partners insist on others.
- X12 has no escaping, so `Delimiters.segment` refuses any value containing a delimiter
  and names the segment, element position (e.g. ``NM103``) and character, never the value.
- Trailing empty elements (and trailing empty components of a composite) must be omitted
  (X12.6 syntax rule); validators reject ``NM1*IL*1*DOE*****~``-style trailing separators.
- Data element types: DT dates are CCYYMMDD, TM times HHMM, R (decimal) amounts carry no
  needless trailing zeros ("150", "150.5", "150.25"); money is Decimal, never float.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.kernel.money import to_money
from bhbilling.x12.values import X12WriteError

__all__ = [
    "DEFAULT_DELIMITERS",
    "Delimiters",
    "Element",
    "segment",
    "x12_date",
    "x12_decimal",
    "x12_money",
    "x12_name",
    "x12_time",
]

Element = str | tuple[str | None, ...] | None
"""One element: text, a composite (tuple of components) or None for an empty element."""


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The four X12 delimiters; the defaults are the ones most payers publish in companion guides."""

    element: str = "*"
    component: str = ":"
    repetition: str = "^"
    segment: str = "~"
    _all: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        chars = (self.element, self.component, self.repetition, self.segment)
        if any(not isinstance(c, str) or len(c) != 1 for c in chars):
            raise X12WriteError("each X12 delimiter must be exactly one character")
        if len(set(chars)) != 4:
            raise X12WriteError("the four X12 delimiters must be distinct characters")
        if any(c.isalnum() or c == " " for c in chars):
            raise X12WriteError("X12 delimiters must not be letters, digits or spaces")
        object.__setattr__(self, "_all", "".join(chars))

    def build(self, seg_id: str, *elements: Element) -> str:
        """Return one segment without its terminator: id, elements, trailing empties trimmed.

        Composites (tuples) are joined with the component separator and lose their trailing
        empty components. Raises X12WriteError naming segment, position and character when a
        value contains a delimiter (X12 has no escaping).
        """
        parts: list[str] = [seg_id]
        append = parts.append
        comp = self.component
        components = 0
        for value in elements:
            if value.__class__ is tuple:
                items = [c or "" for c in value]  # type: ignore[union-attr]
                while items and not items[-1]:
                    items.pop()
                if len(items) > 1:
                    components += len(items) - 1
                append(comp.join(items))
            else:
                append(value or "")  # type: ignore[arg-type]  # None -> empty element
        while not parts[-1]:  # parts[0] is the non-empty segment id
            parts.pop()
        text = self.element.join(parts)  # TypeError for anything but str/tuple/None
        # One pass over the whole text: only the separators we inserted may be in it.
        if (text.count(self.element) != len(parts) - 1 or text.count(comp) != components
                or self.segment in text or self.repetition in text):
            self._locate(seg_id, elements)
        return text

    def _locate(self, seg_id: str, elements: tuple[Element, ...]) -> None:
        for pos, value in enumerate(elements, start=1):
            values = value if isinstance(value, tuple) else (value,)
            for sub, text in enumerate(values, start=1):
                for char in self._all:
                    if text and char in text:
                        where = f"{seg_id}{pos:02d}" + (f"-{sub}" if isinstance(value, tuple) else "")
                        raise X12WriteError(
                            f"{where} contains the delimiter {char!r}; X12 has no escaping, "
                            "so the value must be corrected at its source"
                        )
        raise X12WriteError(f"segment id {seg_id!r} contains a delimiter")


DEFAULT_DELIMITERS = Delimiters()


def segment(seg_id: str, *elements: Element, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """Build one segment (no terminator) with `delimiters`; see `Delimiters.build`."""
    return delimiters.build(seg_id, *elements)


def x12_date(value: dt.date) -> str:
    """DT element, CCYYMMDD (e.g. DTP03 with DTP02 'D8', DMG02, BHT04, GS04)."""
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def x12_time(value: dt.time | dt.datetime) -> str:
    """TM element, HHMM (BHT05, GS05, ISA10)."""
    if not isinstance(value, dt.time | dt.datetime):
        raise TypeError(f"expected a time or datetime, got {type(value).__name__}")
    return f"{value.hour:02d}{value.minute:02d}"


def x12_money(value: Decimal | int | str) -> str:
    """R element for dollars (CLM02, SV102, AMT02, CAS03, SVD02): cents at most, no trailing zeros.

    Floats are refused (TypeError) and sub-cent amounts raise InvalidMoney, as in
    `kernel.money.to_money`: a claim total must add up to the cent.
    """
    if value.__class__ is Decimal and value.is_finite() and value.as_tuple().exponent >= -2:  # type: ignore[union-attr,operator]
        text = f"{value:f}"  # already whole cents: skip to_money's parsing (hot path)
    else:
        text = f"{to_money(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def x12_decimal(value: Decimal | int) -> str:
    """R element for quantities (SV104 units, SVD05, CAS04): plain digits, no exponent or trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"quantity must be a Decimal or int, got {type(value).__name__}")
    dec = Decimal(value)
    if not dec.is_finite():
        raise X12WriteError("quantity must be finite")
    text = f"{dec:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def x12_name(value: str) -> str:
    """AN name element (NM103/NM104...): upper case, inner whitespace collapsed.

    Payers match names case-insensitively but many clearinghouses reject lower case; the
    5010 basic character set has upper-case letters only.
    """
    return " ".join(value.upper().split())
