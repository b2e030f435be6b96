"""Element readers for the 835: amounts, quantities, dates, codes and text, each checked.

Why a module of its own: every value of a remittance ends up in a ledger, so each element
is checked against its X12 data type before it becomes a Python value, and a bad one
raises `X12ValueError` naming file, segment number, segment id, element and what was
expected, with the 999 IK403 code -- never ValueError, InvalidOperation or IndexError.

- R (decimal) money elements (BPR02, CLP03-05, CAS03, SVC02-03, PLB04, AMT02): an
  optional leading minus, at most 18 digits and at most two decimals (cents). They become
  `Decimal` with exactly two places, so 800 and 800.00 read the same. No exponent, no "+".
- R quantities (SVC05 units, CAS04, QTY02): same shape, any number of decimals.
- DT dates: CCYYMMDD, a real calendar date (IK403=8 otherwise).
- ID codes: checked against the code list the guide allows where the model depends on it.
- AN text: at most the guide's maximum length (IK403=5), so a 90 KB "name" is refused
  with a clear error. Values of elements that may hold PHI (names, member ids) are never
  copied into an error: `found` then says only how long the value was.

Callers pass `e`, the segment's elements padded with "" (see `padded`), so an absent
trailing element reads as "" without a per-element bounds check. `money_value`,
`quantity_value` and `date_value` are the same checks without a segment (the value, or
None when invalid): the claim fast path's memos read text with them (`fast_values`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal

from bhbilling.x12.errors import (
    IK304_MISSING_SEGMENT,
    IK304_UNEXPECTED_SEGMENT,
    IK403_INVALID_CHARACTER,
    IK403_INVALID_CODE,
    IK403_INVALID_DATE,
    IK403_REQUIRED_MISSING,
    IK403_TOO_LONG,
    IK403_TOO_MANY_ELEMENTS,
    AckCode,
    X12ValueError,
)
from bhbilling.x12.reader import Segment

__all__ = [
    "IK403_TOO_MANY_ELEMENTS", "ZERO", "amount", "code", "date", "date_value", "fail",
    "missing_segment", "money_value", "opt_amount", "opt_date", "padded", "quantity",
    "quantity_value", "text", "unexpected",
]

ZERO = Decimal("0.00")
_PAD = ("",) * 40
_MAX_DIGITS = 18  # X12 R elements in the 835 are R1/18 (money) or R1/15 (quantities)
_CENTS = ("00", "0", "")  # what to append for 0, 1 or 2 decimals already present
_from_digits = dt.date.fromisoformat


def padded(seg: Segment, width: int) -> tuple[str, ...]:
    """The elements of `seg` (id at [0]) padded with "" up to index `width`.

    Raises IK403=3 when the segment has more elements than the guide defines.
    """
    els = seg.elements
    n = len(els)
    if n > width + 1:
        raise fail(seg, width + 1, f"at most {width} elements in {els[0]}", "too many elements",
                   IK403_TOO_MANY_ELEMENTS, phi=True)
    return els + _PAD[: width + 1 - n] if n <= width else els


def fail(seg: Segment, pos: int | None, expected: str, message: str = "",
         ack: AckCode | None = IK403_INVALID_CODE, *, element: str | None = None,
         found: str | None = None, phi: bool = False) -> X12ValueError:
    """An X12ValueError at `seg`, element `pos` (or the label `element`, e.g. "SVC01-2").

    `found` defaults to the element's value; with `phi=True` only its length is shown.
    """
    value = seg[pos] if pos is not None else None
    if found is None and value is not None:
        found = f"{len(value)} characters" if phi else value
    return X12ValueError(message, file=seg.file, segment_number=seg.number, segment_id=seg.id,
                         element=element or (seg.where(pos) if pos is not None else None),
                         expected=expected, found=found, ack_code=ack)


def unexpected(seg: Segment, expected: str, where: str) -> X12ValueError:
    """A segment the 835 does not allow at this point (999 IK304=2)."""
    return X12ValueError(f"{seg.id} is not expected {where}", file=seg.file,
                         segment_number=seg.number, segment_id=seg.id, expected=expected,
                         found=seg.id, ack_code=IK304_UNEXPECTED_SEGMENT)


def missing_segment(seg: Segment, expected: str, loop: str) -> X12ValueError:
    """A required segment is absent; located at the segment found in its place (IK304=3)."""
    return X12ValueError(f"required segment missing (loop {loop})", file=seg.file,
                         segment_number=seg.number, segment_id=seg.id, expected=expected,
                         found=seg.id, ack_code=IK304_MISSING_SEGMENT)


def _shape_ok(t: str, max_decimals: int) -> bool:
    body = t[1:] if t[:1] == "-" else t
    whole, _, frac = body.partition(".")
    digits = whole + frac
    return (len(frac) <= max_decimals and len(digits) <= _MAX_DIGITS and digits.isascii()
            and digits.isdigit())


def money_value(t: str) -> Decimal | None:
    """`t` as money with two places when it is a valid R amount, else None."""
    if t.isdigit() and len(t) <= _MAX_DIGITS and t.isascii():  # fast path: whole dollars
        return Decimal(t + ".00")
    if (t[-3:-2] == "." and len(t) <= _MAX_DIGITS + 1 and t.isascii() and t[:-3].isdigit()
            and t[-2:].isdigit()):  # fast path: dollars and cents
        return Decimal(t)
    if not t or not _shape_ok(t, 2):
        return None
    dot = t.find(".")
    value = Decimal(t + (_CENTS[len(t) - dot - 1] if dot >= 0 else ".00"))
    return value if value else ZERO  # "-0" reads as 0.00


def amount(seg: Segment, e: tuple[str, ...], pos: int) -> Decimal:
    """A required money element as Decimal with two places (BPR02, CLP03, SVC02...)."""
    t = e[pos]
    value = money_value(t)
    if value is not None:
        return value
    if not t:
        raise fail(seg, pos, "an amount", "required element missing", IK403_REQUIRED_MISSING)
    raise fail(seg, pos, "an amount in dollars and cents (digits, optional '-' and '.')",
               "invalid amount", IK403_INVALID_CHARACTER)


def opt_amount(seg: Segment, e: tuple[str, ...], pos: int) -> Decimal | None:
    return amount(seg, e, pos) if e[pos] else None


def quantity_value(t: str) -> Decimal | None:
    """`t` as a Decimal when it is a valid R number, else None."""
    return Decimal(t) if t and _shape_ok(t, _MAX_DIGITS) else None


def quantity(seg: Segment, e: tuple[str, ...], pos: int) -> Decimal | None:
    """An optional R quantity (SVC05 units, CAS04, QTY02); None when empty."""
    t = e[pos]
    if not t:
        return None
    value = quantity_value(t)
    if value is None:
        raise fail(seg, pos, "a number (digits, optional '-' and '.')", "invalid number",
                   IK403_INVALID_CHARACTER)
    return value


def date_value(t: str) -> dt.date | None:
    """`t` as a date when it is a real calendar date CCYYMMDD, else None."""
    if len(t) == 8 and t.isdigit() and t.isascii():
        try:
            return _from_digits(t)  # Python 3.11+ reads the ISO basic form CCYYMMDD
        except ValueError:
            pass
    return None


def date(seg: Segment, e: tuple[str, ...], pos: int) -> dt.date:
    """A required DT element, CCYYMMDD (BPR16, DTM02, PLB02)."""
    t = e[pos]
    value = date_value(t)
    if value is not None:
        return value
    if not t:
        raise fail(seg, pos, "a date CCYYMMDD", "required element missing", IK403_REQUIRED_MISSING)
    raise fail(seg, pos, "a date CCYYMMDD", "invalid date", IK403_INVALID_DATE)


def opt_date(seg: Segment, e: tuple[str, ...], pos: int) -> dt.date | None:
    return date(seg, e, pos) if e[pos] else None


def code(seg: Segment, e: tuple[str, ...], pos: int, allowed: Collection[str],
         expected: str = "", *, required: bool = True) -> str:
    """An ID element that must be one of `allowed` ("" passes when not `required`)."""
    t = e[pos]
    if t in allowed or (not t and not required):
        return t
    if not t:
        raise fail(seg, pos, expected or "a code", "required element missing",
                   IK403_REQUIRED_MISSING)
    raise fail(seg, pos, expected or " or ".join(sorted(allowed)), "invalid code",
               IK403_INVALID_CODE, found=t[:12])


def text(seg: Segment, e: tuple[str, ...], pos: int, max_len: int, *,
         required: bool = False) -> str:
    """An AN/ID element of at most `max_len` characters; "" when absent and not `required`.
    A too-long value is reported by its length only (it may be a name or a member id)."""
    t = e[pos]
    if len(t) > max_len:
        raise fail(seg, pos, f"at most {max_len} characters", "element too long", IK403_TOO_LONG,
                   found=f"{len(t)} characters")
    if required and not t:
        raise fail(seg, pos, "a value", "required element missing", IK403_REQUIRED_MISSING)
    return t
