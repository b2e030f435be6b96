"""Write a 276 claim status request interchange (005010X212) from typed inquiries.

Structure (implementation guide section 2.4):
ISA / GS*HR (GS08 005010X212) / ST*276 / BHT*0010*13 (request) /
2000A HL*1**20*1, 2100A NM1*PR*2 (payer id, NM108 'PI') /
2000B HL*2*1*21*1, 2100B NM1*41*2 (submitter ETIN, NM108 '46') /
per provider 2000C HL*n*2*19*1, 2100C NM1*1P (NPI, NM108 'XX') /
per subscriber 2000D HL*n*c*22*(0|1), DMG, 2100D NM1*IL (MI) and, when the subscriber is
the patient, the 2200D claims: TRN*1 (our CLM01), REF*1K, REF*EJ, REF*D9, AMT*T3,
DTP*472 (D8 or RD8), then 2210D SVC, REF*FJ, DTP*472 per line asked about;
per dependent patient 2000E HL*n*d*23 (HL04 not used), DMG, 2100E NM1*QC, 2200E claims.
pyx12 4.0.0 has no 005010X212 276 map, so the tests check this structure themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bhbilling.kernel.ids import is_valid_npi
from bhbilling.x12 import envelope
from bhbilling.x12.status276.model import (
    ClaimInquiry,
    Dependent,
    PersonName,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
)
from bhbilling.x12.syntax import (
    DEFAULT_DELIMITERS,
    Delimiters,
    x12_date,
    x12_decimal,
    x12_money,
    x12_name,
    x12_time,
)
from bhbilling.x12.values import X12WriteError

__all__ = ["VERSION", "transaction_segments", "write_276"]

VERSION = "005010X212"
Build = Callable[..., str]


def _person(seg: Build, code: str, name: PersonName, qual: str | None, ident: str | None) -> str:
    return seg("NM1", code, "1", x12_name(name.last), x12_name(name.first) or None,
               x12_name(name.middle) or None, None, x12_name(name.suffix) or None, qual, ident)


def _dates(seg: Build, start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return seg("DTP", "472", "D8", x12_date(start))
    return seg("DTP", "472", "RD8", f"{x12_date(start)}-{x12_date(end)}")


def _claim(seg: Build, out: list[str], claim: ClaimInquiry) -> None:
    """2200D/E TRN, REF*1K, REF*EJ, REF*D9, AMT*T3, DTP*472; 2210D/E per line."""
    out.append(seg("TRN", "1", claim.trace_number))
    if claim.payer_claim_number:
        out.append(seg("REF", "1K", claim.payer_claim_number))
    if claim.patient_control_number:
        out.append(seg("REF", "EJ", claim.patient_control_number))
    if claim.clearinghouse_trace:
        out.append(seg("REF", "D9", claim.clearinghouse_trace))
    out.append(seg("AMT", "T3", x12_money(claim.charge)))
    out.append(_dates(seg, claim.service_start, claim.service_end))
    for line in claim.lines:
        out.append(seg("SVC", ("HC", line.procedure_code, *line.modifiers), x12_money(line.charge),
                       None, None, None, None, x12_decimal(line.units)))
        if line.line_control_number:
            out.append(seg("REF", "FJ", line.line_control_number))
        out.append(seg("DTP", "472", "D8", x12_date(line.service_date)))


def _dmg(seg: Build, dob: dt.date | None, sex: str) -> list[str]:
    return [seg("DMG", "D8", x12_date(dob), sex or None)] if dob is not None else []


def _provider(seg: Build, prov: ServiceProvider) -> str:
    if not is_valid_npi(prov.npi):
        raise X12WriteError("2100C NM109 must be a valid 10-digit NPI")
    if prov.person is not None:
        return _person(seg, "1P", prov.person, "XX", prov.npi)
    return seg("NM1", "1P", "2", x12_name(prov.organization_name), None, None, None, None, "XX", prov.npi)


def _grouped(inquiries: Sequence[StatusInquiry]
             ) -> dict[ServiceProvider, dict[Subscriber, dict[Dependent | None, list[ClaimInquiry]]]]:
    """Provider -> subscriber -> patient (None: the subscriber) -> claims, first-seen order."""
    tree: dict = {}
    for inq in inquiries:
        tree.setdefault(inq.provider, {}).setdefault(inq.subscriber, {}).setdefault(
            inq.dependent, []).append(inq.claim)
    return tree


def transaction_segments(tx: Transaction276, created: dt.datetime,
                         delimiters: Delimiters = DEFAULT_DELIMITERS) -> list[str]:
    """All segments of one ST..SE transaction set (SE01 counts ST and SE)."""
    seg = delimiters.build
    out = [envelope.st("276", tx.control_number, VERSION, delimiters),
           seg("BHT", "0010", "13", tx.reference_id, x12_date(created.date()), x12_time(created)),
           seg("HL", "1", None, "20", "1"),
           seg("NM1", "PR", "2", x12_name(tx.payer.name), None, None, None, None, "PI", tx.payer.payer_id),
           seg("HL", "2", "1", "21", "1"),
           seg("NM1", "41", "2", x12_name(tx.receiver.name), None, None, None, None, "46",
               tx.receiver.etin)]
    hl = 2
    for provider, subscribers in _grouped(tx.inquiries).items():
        hl += 1
        provider_hl = hl
        out += [seg("HL", str(hl), "2", "19", "1"), _provider(seg, provider)]
        for subscriber, patients in subscribers.items():
            own = patients.pop(None, [])
            if own:  # the subscriber is the patient: claims under a childless 2000D
                hl += 1
                out.append(seg("HL", str(hl), str(provider_hl), "22", "0"))
                out += _dmg(seg, subscriber.date_of_birth, subscriber.sex)
                out.append(_person(seg, "IL", subscriber.name, "MI", subscriber.member_id))
                for claim in own:
                    _claim(seg, out, claim)
            if not patients:
                continue
            hl += 1
            subscriber_hl = hl
            out.append(seg("HL", str(hl), str(provider_hl), "22", "1"))
            out += _dmg(seg, subscriber.date_of_birth, subscriber.sex)
            out.append(_person(seg, "IL", subscriber.name, "MI", subscriber.member_id))
            for dependent, claims in patients.items():
                assert dependent is not None
                hl += 1
                out.append(seg("HL", str(hl), str(subscriber_hl), "23"))
                out += _dmg(seg, dependent.date_of_birth, dependent.sex)
                out.append(_person(seg, "QC", dependent.name, None, None))
                for claim in claims:
                    _claim(seg, out, claim)
    out.append(envelope.se(len(out) + 1, tx.control_number, delimiters))
    return out


def write_276(
    transactions: Sequence[Transaction276],
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
    line_break: bool = False,
) -> str:
    """Return one interchange ISA..IEA with one GS*HR group holding one ST per transaction.

    One transaction per payer; control numbers come from the caller, which allocates them
    once (ST02 unique within the group).
    """
    if not transactions:
        raise X12WriteError("a 276 interchange needs at least one transaction set")
    if len({tx.control_number for tx in transactions}) != len(transactions):
        raise X12WriteError("ST02 control numbers must be unique within the functional group")
    return envelope.interchange(
        [transaction_segments(tx, created, delimiters) for tx in transactions],
        functional_id="HR", version=VERSION, sender_id=sender_id, receiver_id=receiver_id,
        interchange_control_number=interchange_control_number,
        group_control_number=group_control_number, created=created, test=test,
        delimiters=delimiters, sender_qualifier=sender_qualifier,
        receiver_qualifier=receiver_qualifier, line_break=line_break)
