"""One 271 segment at a time: element checks and the typed value it carries.

Why a module of its own: the loop walker (`reader`) decides *where* a segment may stand;
these functions decide whether its *values* are well formed (005010X279A1 element
definitions: DT dates CCYYMMDD, RD8 ranges CCYYMMDD-CCYYMMDD, R amounts and quantities,
ID codes from the guide's lists). Every problem is an `X12ValueError` located at the
segment and element, with the 999 IK403 code; found values are cut by `X12Error` so a
message never copies a member id or a name in full.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from bhbilling.x12.elig271.model import (
    Contact,
    DatePeriod,
    Delivery,
    Entity,
    Rejection,
    Trace,
)
from bhbilling.x12.errors import (
    IK403_INVALID_CHARACTER,
    IK403_INVALID_CODE,
    IK403_INVALID_DATE,
    AckCode,
    X12ValueError,
)
from bhbilling.x12.reader import Segment

__all__ = [
    "EB_INFO_CODES", "benefit", "contact", "date_period", "delivery", "demographics",
    "entity", "rejection", "trace",
]

_DECIMAL = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
_AMOUNT = re.compile(r"-?(\d+(\.\d{0,2})?|\.\d{1,2})")

# EB01, element 1390 (005010X279A1 2110C EB01).
EB_INFO_CODES = frozenset({
    "1", "2", "3", "4", "5", "6", "7", "8", "A", "B", "C", "CB", "D", "E", "F", "G", "H", "I",
    "J", "K", "L", "M", "MC", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y"})
_COVERAGE_LEVELS = frozenset({"", "CHD", "DEP", "ECH", "EMP", "ESP", "FAM", "IND", "SPC", "SPO"})
_TIME_PERIODS = frozenset(
    {"", "6", "7", "13", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
     "32", "33", "34", "35", "36"})
_QUANTITY_QUALIFIERS = frozenset(
    {"", "8H", "99", "CA", "CE", "D3", "DB", "DY", "HS", "LA", "LE", "M2", "MN", "P6", "QA",
     "S7", "S8", "VS", "YY"})
_AUTH = frozenset({"", "Y", "N", "U"})
_NETWORK = frozenset({"", "Y", "N", "U", "W"})
_FOLLOW_UP = frozenset({"", "C", "N", "P", "R", "S", "W", "X", "Y"})


def _fail(seg: Segment, pos: int, expected: str, ack: AckCode = IK403_INVALID_CODE,
          message: str = "") -> X12ValueError:
    return seg.error(pos, expected, message=message, ack_code=ack)  # type: ignore[return-value]


def code(seg: Segment, pos: int, allowed: frozenset[str] | tuple[str, ...], what: str) -> str:
    """An ID element that must be one of `allowed` ("" allowed only when listed)."""
    value = seg[pos]
    if value not in allowed:
        shown = sorted(c for c in allowed if c)
        listed = ", ".join(shown[:12]) + (" ..." if len(shown) > 12 else "")
        raise _fail(seg, pos, f"{what} ({listed})")
    return value


def decimal(seg: Segment, pos: int, what: str, pattern: re.Pattern[str] = _DECIMAL
            ) -> Decimal | None:
    """An R element (amount, percent, quantity) or None when empty."""
    value = seg[pos]
    if not value:
        return None
    if not pattern.fullmatch(value):
        raise _fail(seg, pos, what, IK403_INVALID_CHARACTER)
    return Decimal(value)


def _date_text(seg: Segment, pos: int, text: str) -> dt.date:
    """A CCYYMMDD date. The error never shows the value: a member's dates (birth, plan,
    eligibility) are PHI under HIPAA, so it names the element and the format only."""
    try:
        if len(text) != 8 or not (text.isascii() and text.isdigit()):
            raise ValueError(text)
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        err = _fail(seg, pos, "a date CCYYMMDD", IK403_INVALID_DATE)
        err.found = None
        raise err from None


def date_period_text(seg: Segment, pos: int) -> dt.date:
    """A DT element CCYYMMDD (BHT04, DMG02)."""
    return _date_text(seg, pos, seg[pos])


def date_period(seg: Segment) -> DatePeriod:
    """DTP01 qualifier, DTP02 'D8' (one date) or 'RD8' (DTP03 'CCYYMMDD-CCYYMMDD')."""
    qualifier = seg.require(1, "a date qualifier (291, 346, 347, 356, 357...)")
    fmt = code(seg, 2, ("D8", "RD8"), "a date format")
    text = seg.require(3, "a date")
    if fmt == "D8":
        day = _date_text(seg, 3, text)
        return DatePeriod(qualifier, day, day)
    start, sep, end = text.partition("-")
    if not sep:
        raise _fail(seg, 3, "a date range CCYYMMDD-CCYYMMDD", IK403_INVALID_DATE)
    first, last = _date_text(seg, 3, start), _date_text(seg, 3, end)
    if last < first:
        raise _fail(seg, 3, "a range whose end is not before its start", IK403_INVALID_DATE)
    return DatePeriod(qualifier, first, last)


def rejection(seg: Segment, loop: str) -> Rejection:
    """AAA01 Y/N, AAA03 reason (required), AAA04 follow-up action."""
    valid = code(seg, 1, ("Y", "N"), "Y or N (valid request indicator)")
    reason = seg.require(3, "a reject reason code (AAA03)")
    follow = code(seg, 4, _FOLLOW_UP, "a follow-up action code")
    return Rejection(loop, valid == "Y", reason, follow, seg.number)


def entity(seg: Segment) -> Entity:
    """NM1: NM101 entity code and NM102 1 (person) or 2 (organization) are required."""
    ident = seg.require(1, "an entity identifier code (NM101)")
    kind = code(seg, 2, ("1", "2"), "1 (person) or 2 (organization)")
    if seg[9] and not seg[8]:
        raise _fail(seg, 8, "an identification code qualifier with NM109")
    return Entity(ident, kind, seg[3], seg[4], seg[5], seg[7], seg[8], seg[9])


def contact(seg: Segment) -> Contact:
    """PER*IC: PER02 name and up to three (qualifier, number) pairs in PER03..PER08."""
    code(seg, 1, ("IC",), "IC (information contact)")
    numbers: list[tuple[str, str]] = []
    for pos in (3, 5, 7):
        if seg[pos] or seg[pos + 1]:
            qual = code(seg, pos, ("ED", "EM", "EX", "FX", "TE", "UR", "WP"), "a number qualifier")
            numbers.append((qual, seg.require(pos + 1, "a communication number")))
    return Contact(seg[2], tuple(numbers))


def demographics(seg: Segment) -> tuple[dt.date | None, str]:
    """DMG01 'D8' with DMG02 birth date; DMG03 sex (F, M, U)."""
    birth = None
    if seg[1] or seg[2]:
        code(seg, 1, ("D8",), "D8")
        birth = _date_text(seg, 2, seg.require(2, "a birth date"))  # D8 checked above
    return birth, code(seg, 3, ("", "F", "M", "U"), "F, M or U")


def trace(seg: Segment) -> Trace:
    """TRN01 1 or 2, TRN02 trace number, TRN03 originator id, TRN04 secondary id."""
    kind = code(seg, 1, ("1", "2"), "1 (current) or 2 (referenced) trace type")
    return Trace(kind, seg.require(2, "a trace number"), seg.require(3, "the originator id"), seg[4])


def delivery(seg: Segment) -> Delivery:
    """HSD: quantity qualifier and quantity, unit, modulus, period qualifier and count."""
    return Delivery(seg[1], decimal(seg, 2, "a quantity"), seg[3], decimal(seg, 4, "a number"),
                    seg[5], decimal(seg, 6, "a number of periods"), seg[7], seg[8])


def benefit(seg: Segment) -> dict[str, object]:
    """EB01..EB13 checked against the guide's code lists, as `Benefit` keyword arguments
    (the loop's HSD, REF, DTP, AAA, MSG, III and 2120 parts are added when it closes)."""
    info = code(seg, 1, EB_INFO_CODES, "an eligibility or benefit information code")
    amount = decimal(seg, 7, "a dollar amount with at most two decimals", _AMOUNT)
    return {
        "info": info,
        "coverage_level": code(seg, 2, _COVERAGE_LEVELS, "a coverage level code"),
        "service_types": tuple(t for t in seg.repeats(3) if t),
        "insurance_type": seg[4],
        "plan_description": seg[5],
        "time_period": code(seg, 6, _TIME_PERIODS, "a time period qualifier"),
        "amount": amount,
        "percent": decimal(seg, 8, "a percent as a decimal fraction (0.2 = 20%)"),
        "quantity_qualifier": code(seg, 9, _QUANTITY_QUALIFIERS, "a quantity qualifier"),
        "quantity": decimal(seg, 10, "a quantity"),
        "authorization_required": code(seg, 11, _AUTH, "Y, N or U"),
        "in_network": code(seg, 12, _NETWORK, "Y, N, U or W"),
        "procedure": seg.components(13),
        "segment_number": seg.number,
    }
