"""Element readers shared by the claim-status family (276/277 005010X212, 277CA 005010X214).

Why: status answers decide claim states (accepted, rejected, paid), so every value is
checked against its X12 data type before it becomes a Python value: an `X12ValueError`
names file, segment number, segment id and element with the 999 IK403 code -- never
ValueError or IndexError. Dates are DT CCYYMMDD; DTP*472 carries D8 (one date) or RD8
(CCYYMMDD-CCYYMMDD); amounts are R with at most two decimals, read as Decimal. Errors on
dates never show the value (a birth date is PHI).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from decimal import Decimal

from bhbilling.x12.errors import (
    IK403_INVALID_CHARACTER,
    IK403_INVALID_CODE,
    IK403_INVALID_DATE,
    X12ValueError,
)
from bhbilling.x12.reader import Segment

__all__ = ["amount", "code", "date", "date_or_range", "fail", "quantity"]

_AMOUNT = re.compile(r"-?(\d{1,16}(\.\d{0,2})?|\.\d{1,2})")
_QUANTITY = re.compile(r"-?(\d{1,15}(\.\d*)?|\.\d+)")


def fail(seg: Segment, pos: int | None, expected: str, message: str = "") -> X12ValueError:
    """An invalid-code error (999 IK403=7) located at `seg` and element `pos`."""
    return seg.error(pos, expected, message=message, ack_code=IK403_INVALID_CODE)  # type: ignore[return-value]


def code(seg: Segment, pos: int, allowed: Collection[str], what: str) -> str:
    """An ID element that must be one of `allowed` ("" only when listed)."""
    value = seg[pos]
    if value not in allowed:
        raise fail(seg, pos, what)
    return value


def amount(seg: Segment, pos: int, what: str = "a dollar amount") -> Decimal | None:
    """An R money element (STC04, AMT02, SVC02...) with at most two decimals; None if empty."""
    value = seg[pos]
    if not value:
        return None
    if not _AMOUNT.fullmatch(value):
        raise seg.error(pos, f"{what} (digits, at most two decimals)", ack_code=IK403_INVALID_CHARACTER)
    return Decimal(value).quantize(Decimal("0.01"))


def quantity(seg: Segment, pos: int, what: str = "a quantity") -> Decimal | None:
    """An R quantity element (SVC07 units, QTY02); None if empty."""
    value = seg[pos]
    if not value:
        return None
    if not _QUANTITY.fullmatch(value):
        raise seg.error(pos, what, ack_code=IK403_INVALID_CHARACTER)
    return Decimal(value)


def _parse(seg: Segment, pos: int, text: str) -> dt.date:
    try:
        if len(text) != 8 or not (text.isascii() and text.isdigit()):
            raise ValueError(text)
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        err = seg.error(pos, "a date CCYYMMDD", ack_code=IK403_INVALID_DATE)
        err.found = None  # dates may be PHI (birth, service): name the element only
        raise err from None


def date(seg: Segment, pos: int, *, required: bool = False) -> dt.date | None:
    """A DT element (STC02, BHT04, DMG02); None when empty and not `required`."""
    value = seg[pos]
    if not value:
        if required:
            seg.require(pos, "a date CCYYMMDD")
        return None
    return _parse(seg, pos, value)


def date_or_range(seg: Segment) -> tuple[dt.date, dt.date]:
    """DTP02 'D8' + DTP03 date, or 'RD8' + 'CCYYMMDD-CCYYMMDD' (end not before start)."""
    fmt = code(seg, 2, ("D8", "RD8"), "D8 or RD8 (DTP02)")
    text = seg.require(3, "a date or date range")
    if fmt == "D8":
        day = _parse(seg, 3, text)
        return day, day
    start, sep, end = text.partition("-")
    if not sep:
        raise seg.error(3, "a range CCYYMMDD-CCYYMMDD", ack_code=IK403_INVALID_DATE)
    first, last = _parse(seg, 3, start), _parse(seg, 3, end)
    if last < first:
        raise seg.error(3, "a range whose end is not before its start", ack_code=IK403_INVALID_DATE)
    return first, last
