"""Write a 270 eligibility inquiry interchange (005010X279A1) from typed inquiries.

Structure (implementation guide section 2.4; segment order as in the guide, which pyx12
and clearinghouses enforce):
ISA / GS*HS (GS08 005010X279A1) / ST*270 / BHT*0022*13 (request) /
2000A HL*1**20*1, 2100A NM1*PR*2 (payer, NM108 'PI') /
2000B HL*2*1*21*1, 2100B NM1*1P (NPI, NM108 'XX'), PRV*PE*PXC when a taxonomy is given /
per inquiry a 2000C HL*n*2*22*(0|1):
- subscriber is the patient: TRN*1 trace, 2100C NM1*IL (MI member id), REF*6P, DMG,
  DTP*291, then 2110C EQ;
- a dependent is the patient: 2100C NM1*IL, REF*6P, DMG when known; then 2000D
  HL*n+1*n*23*0, TRN*1, 2100D NM1*03, DMG, INS*N*relationship, DTP*291, 2110D EQ.
The TRN sits at the patient's level (2000C or 2000D) so the payer's 271 TRN*2 names the
inquiry it answers. One EQ per service type code (the 2110C/2110D loop repeats up to 99
times): 5010 also lets EQ01 repeat with the ISA11 separator, but one code per EQ is the form
every payer answers fully (and the one pyx12 can check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bhbilling.x12 import envelope
from bhbilling.x12.elig270.model import Dependent, Inquiry, PersonName, Subscriber, Transaction270
from bhbilling.x12.syntax import DEFAULT_DELIMITERS, Delimiters, x12_date, x12_name, x12_time
from bhbilling.x12.values import X12WriteError

__all__ = ["VERSION", "transaction_segments", "write_270"]

VERSION = "005010X279A1"
Build = Callable[..., str]  # Delimiters.build: segment id and elements -> segment text


def _names(seg: Build, code: str, name: PersonName, id_qual: str | None, ident: str | None) -> str:
    """NM1 for a person: NM102 '1', NM103 last, NM104 first, NM105 middle, NM107 suffix."""
    return seg("NM1", code, "1", x12_name(name.last), x12_name(name.first) or None,
               x12_name(name.middle) or None, None, x12_name(name.suffix) or None, id_qual, ident)


def _dmg(seg: Build, dob: dt.date | None, sex: str) -> list[str]:
    """DMG*D8*CCYYMMDD*sex; DMG03 only when known (the guide makes it situational)."""
    return [seg("DMG", "D8", x12_date(dob), sex or None)] if dob is not None else []


def _dtp(seg: Build, inquiry: Inquiry) -> str:
    """DTP*291 (plan) with D8 for one date or RD8 CCYYMMDD-CCYYMMDD for a range."""
    if inquiry.service_date_end is None or inquiry.service_date_end == inquiry.service_date:
        return seg("DTP", "291", "D8", x12_date(inquiry.service_date))
    return seg("DTP", "291", "RD8",
               f"{x12_date(inquiry.service_date)}-{x12_date(inquiry.service_date_end)}")


def _eqs(seg: Build, inquiry: Inquiry) -> list[str]:
    """2110C/2110D EQ*code, one loop per service type code in the caller's order."""
    return [seg("EQ", code) for code in inquiry.service_types]


def _subscriber(seg: Build, sub: Subscriber) -> list[str]:
    """2100C NM1*IL, REF*6P group number, DMG when the birth date is known."""
    out = [_names(seg, "IL", sub.name, "MI", sub.member_id)]
    if sub.group_number:
        out.append(seg("REF", "6P", sub.group_number))
    return out + _dmg(seg, sub.date_of_birth, sub.sex)


def _dependent(seg: Build, dep: Dependent) -> list[str]:
    """2100D NM1*03 (no id: the guide finds a dependent under the subscriber), DMG, INS."""
    out = [_names(seg, "03", dep.name, None, None)]
    out += _dmg(seg, dep.date_of_birth, dep.sex)
    if dep.relationship:
        out.append(seg("INS", "N", dep.relationship))
    return out


def _inquiry(seg: Build, out: list[str], inquiry: Inquiry, hl: int) -> int:
    """2000C (and 2000D for a dependent); returns the last HL01 used."""
    trn = seg("TRN", "1", inquiry.trace_number, inquiry.originator_id)
    dep = inquiry.dependent
    out.append(seg("HL", str(hl), "2", "22", "1" if dep else "0"))
    if dep is None:
        out.append(trn)
        out += _subscriber(seg, inquiry.subscriber)
        out.append(_dtp(seg, inquiry))
        out += _eqs(seg, inquiry)
        return hl
    out += _subscriber(seg, inquiry.subscriber)
    out.append(seg("HL", str(hl + 1), str(hl), "23", "0"))
    out.append(trn)
    out += _dependent(seg, dep)
    out.append(_dtp(seg, inquiry))
    out += _eqs(seg, inquiry)
    return hl + 1


def transaction_segments(tx: Transaction270, created: dt.datetime,
                         delimiters: Delimiters = DEFAULT_DELIMITERS) -> list[str]:
    """All segments of one ST..SE transaction set (SE01 counts ST and SE)."""
    seg = delimiters.build
    out = [envelope.st("270", tx.control_number, VERSION, delimiters),
           seg("BHT", "0022", "13", tx.reference_id, x12_date(created.date()), x12_time(created)),
           seg("HL", "1", None, "20", "1"),
           seg("NM1", "PR", "2", x12_name(tx.source.name), None, None, None, None, "PI",
               tx.source.payer_id),
           seg("HL", "2", "1", "21", "1")]
    rec = tx.receiver
    if rec.person is not None:
        out.append(_names(seg, "1P", rec.person, "XX", rec.npi))
    else:
        out.append(seg("NM1", "1P", "2", x12_name(rec.organization_name), None, None, None, None,
                       "XX", rec.npi))
    if rec.taxonomy:
        out.append(seg("PRV", "PE", "PXC", rec.taxonomy))
    hl = 2
    for inquiry in tx.inquiries:
        hl = _inquiry(seg, out, inquiry, hl + 1)
    out.append(envelope.se(len(out) + 1, tx.control_number, delimiters))
    return out


def write_270(
    transactions: Sequence[Transaction270],
    *,
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
    """Return one interchange ISA..IEA with one GS*HS group holding one ST per transaction.

    A batch is several inquiries in one transaction (up to 99) and several transactions
    (one per payer) in one group. Control numbers come from the caller, which allocates
    them once; ST02 must be unique within the group.
    """
    if not transactions:
        raise X12WriteError("a 270 interchange needs at least one transaction set")
    if len({tx.control_number for tx in transactions}) != len(transactions):
        raise X12WriteError("ST02 control numbers must be unique within the functional group")
    return envelope.interchange(
        [transaction_segments(tx, created, delimiters) for tx in transactions],
        functional_id="HS", version=VERSION, sender_id=sender_id, receiver_id=receiver_id,
        interchange_control_number=interchange_control_number,
        group_control_number=group_control_number, created=created, test=test,
        delimiters=delimiters, sender_qualifier=sender_qualifier,
        receiver_qualifier=receiver_qualifier,
        application_sender_code=application_sender_code,
        application_receiver_code=application_receiver_code, ack_requested=ack_requested,
        line_break=line_break)
