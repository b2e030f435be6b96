"""Interchange, functional group and transaction set envelopes (ISA/IEA, GS/GE, ST/SE).

References: ASC X12 005010 control segments as used by every HIPAA implementation guide
(appendix B of 005010X222A1). Why each rule matters:
- ISA is fixed width (106 characters with its terminator): receivers read the delimiters
  by position (element separator at offset 3, ISA11 repetition, ISA16 component, segment
  terminator at offset 105), so ISA06/ISA08 are padded to 15 and ISA13 is 9 digits.
- Control numbers (ISA13/IEA02, GS06/GE02, ST02/SE02) are passed in, never invented here:
  the batch that owns a file allocates them in the same database transaction as its record
  so that a number is never reused.
- SE01 counts the segments of the transaction set including ST and SE; GE01 counts the
  transaction sets in the group; IEA01 counts the functional groups in the interchange.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bhbilling.x12.syntax import DEFAULT_DELIMITERS, Delimiters, x12_date, x12_time
from bhbilling.x12.values import X12WriteError

__all__ = ["ge", "gs", "iea", "interchange", "isa", "se", "st", "transaction_control_number"]

_MAX_CONTROL = 999_999_999


def _control(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_CONTROL:
        raise X12WriteError(f"{what} must be an int from 1 to {_MAX_CONTROL}")
    return value


def _fixed(value: str, width: int, what: str) -> str:
    if len(value) > width:
        raise X12WriteError(f"{what} is longer than its fixed width {width}")
    return value.ljust(width)


def isa(
    *,
    sender_id: str,
    receiver_id: str,
    control_number: int,
    created: dt.datetime,
    test: bool,
    sender_qualifier: str = "ZZ",
    receiver_qualifier: str = "ZZ",
    ack_requested: bool = False,
    delimiters: Delimiters = DEFAULT_DELIMITERS,
) -> str:
    """ISA interchange header, exactly 105 characters before its terminator.

    ISA01/03 '00' (no authorization/security information), ISA02/04 ten spaces, ISA05/07
    id qualifiers ('ZZ' mutually defined, '30' federal TIN...), ISA06/08 padded to 15,
    ISA09 YYMMDD, ISA10 HHMM, ISA11 repetition separator, ISA12 '00501', ISA13 nine digits,
    ISA14 acknowledgment requested (0/1), ISA15 'T' test or 'P' production, ISA16 component
    separator.
    """
    elements = (
        "00", " " * 10, "00", " " * 10,
        _fixed(sender_qualifier, 2, "ISA05"), _fixed(sender_id, 15, "ISA06"),
        _fixed(receiver_qualifier, 2, "ISA07"), _fixed(receiver_id, 15, "ISA08"),
        created.strftime("%y%m%d"), x12_time(created), delimiters.repetition, "00501",
        f"{_control(control_number, 'ISA13'):09d}", "1" if ack_requested else "0",
        "T" if test else "P",
    )
    for pos, value in enumerate(elements, start=1):
        if any(c in value for c in (delimiters.element, delimiters.component, delimiters.segment)) or (
            pos != 11 and delimiters.repetition in value
        ):
            raise X12WriteError(f"ISA{pos:02d} contains a delimiter character")
    return delimiters.element.join(("ISA", *elements, delimiters.component))


def iea(group_count: int, control_number: int, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """IEA trailer: IEA01 number of functional groups, IEA02 equal to ISA13."""
    return delimiters.build("IEA", str(group_count), f"{_control(control_number, 'IEA02'):09d}")


def gs(
    *,
    functional_id: str,
    sender_code: str,
    receiver_code: str,
    created: dt.datetime,
    control_number: int,
    version: str,
    delimiters: Delimiters = DEFAULT_DELIMITERS,
) -> str:
    """GS functional group header: GS01 'HC' for 837, GS04 CCYYMMDD, GS05 HHMM, GS07 'X',
    GS08 the implementation guide version (e.g. '005010X222A1' for 837P)."""
    for what, value in (("GS02", sender_code), ("GS03", receiver_code)):
        if not 2 <= len(value) <= 15:
            raise X12WriteError(f"{what} must be 2 to 15 characters")
    return delimiters.build(
        "GS", functional_id, sender_code, receiver_code, x12_date(created.date()), x12_time(created),
        str(_control(control_number, "GS06")), "X", version,
    )


def ge(transaction_count: int, control_number: int, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """GE trailer: GE01 number of transaction sets, GE02 equal to GS06."""
    return delimiters.build("GE", str(transaction_count), str(_control(control_number, "GE02")))


def transaction_control_number(value: int) -> str:
    """ST02/SE02: 4 to 9 characters; zero-padded to 4 digits as most guides show ('0001')."""
    return f"{_control(value, 'ST02'):04d}"


def st(set_id: str, control_number: int, version: str, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """ST transaction set header: ST01 set id ('837'), ST02 control number, ST03 guide version."""
    return delimiters.build("ST", set_id, transaction_control_number(control_number), version)


def se(segment_count: int, control_number: int, delimiters: Delimiters = DEFAULT_DELIMITERS) -> str:
    """SE trailer: SE01 segments in the set counting ST and SE themselves, SE02 equal to ST02."""
    return delimiters.build("SE", str(segment_count), transaction_control_number(control_number))


def interchange(
    transaction_sets: Sequence[Sequence[str]],
    *,
    functional_id: str,
    version: str,
    sender_id: str,
    receiver_id: str,
    interchange_control_number: int,
    group_control_number: int,
    created: dt.datetime,
    test: bool,
    delimiters: Delimiters = DEFAULT_DELIMITERS,
    sender_qualifier: str = "ZZ",
    receiver_qualifier: str = "ZZ",
    application_sender_code: str = "",
    application_receiver_code: str = "",
    ack_requested: bool = False,
    line_break: bool = False,
) -> str:
    """ISA, one GS group holding the given ST..SE sets, GE and IEA, as text.

    GE01 counts the sets and IEA01 the one group (X12.6); GS02/GS03 default to the ISA
    ids. ``line_break`` adds a newline after each terminator for human reading.
    """
    segments = [
        isa(sender_id=sender_id, receiver_id=receiver_id, control_number=interchange_control_number,
            created=created, test=test, sender_qualifier=sender_qualifier,
            receiver_qualifier=receiver_qualifier, ack_requested=ack_requested,
            delimiters=delimiters),
        gs(functional_id=functional_id, sender_code=application_sender_code or sender_id,
           receiver_code=application_receiver_code or receiver_id, created=created,
           control_number=group_control_number, version=version, delimiters=delimiters),
    ]
    for body in transaction_sets:
        segments += body
    segments.append(ge(len(transaction_sets), group_control_number, delimiters))
    segments.append(iea(1, interchange_control_number, delimiters))
    terminator = delimiters.segment + ("\n" if line_break else "")
    return terminator.join(segments) + terminator
