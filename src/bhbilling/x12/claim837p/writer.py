"""Write an 837P professional claim interchange (005010X222A1) from typed claims.

Structure (implementation guide, section 2.4):
ISA / GS (GS08 005010X222A1) / ST*837 / BHT*0019*00 (original) ... CH (chargeable) /
1000A submitter NM1*41 + PER*IC / 1000B receiver NM1*40 / per billing provider an HL
level 20 (2000A: PRV*BI, 2010AA NM1*85 N3 N4 REF*EI, 2010AB NM1*87 when pay-to differs) /
per subscriber an HL level 22 (2000B SBR, 2010BA NM1*IL, 2010BB NM1*PR) / per dependent
patient an HL level 23 (2000C PAT, 2010CA NM1*QC) / claims (2300...) under the lowest HL.

HL01 numbers every HL in the transaction from 1, HL02 names the parent's HL01, HL04 is 1
when child HLs follow and 0 otherwise. Claims for the subscriber themself and claims for
a dependent of the same subscriber go under separate level-22 HLs, because a level-22 HL
with children (HL04=1) carries no claims of its own in practice. Loop 2300 repeats at most
100 times per HL, so a subscriber (or dependent) with more claims gets another HL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bhbilling.x12 import envelope
from bhbilling.x12.claim837p.claim_loops import Build, address_segments, claim_segments, person_nm1
from bhbilling.x12.claim837p.model import (
    BillingGroup,
    Claim,
    Patient,
    Payer,
    Subscriber,
    Transaction837P,
)
from bhbilling.x12.syntax import DEFAULT_DELIMITERS, Delimiters, x12_date, x12_name, x12_time
from bhbilling.x12.values import X12WriteError

__all__ = ["VERSION", "transaction_segments", "write_837p"]

VERSION = "005010X222A1"
MAX_CLAIMS_PER_HL = 100


def _header(seg: Build, out: list[str], tx: Transaction837P, created: dt.datetime) -> None:
    """BHT (0019 structure, 00 original, BHT03 reference, date, time, CH chargeable), 1000A, 1000B."""
    out.append(seg("BHT", "0019", "00", tx.reference_id or str(tx.control_number),
                   x12_date(created.date()), x12_time(created), "CH"))
    sub = tx.submitter
    out.append(seg("NM1", "41", "2", x12_name(sub.name), None, None, None, None, "46", sub.id))
    contact = sub.contact
    if not (contact.phone or contact.email):
        raise X12WriteError("1000A PER needs a phone number or an email address")
    numbers: list[str] = []
    if contact.phone:
        numbers += ["TE", contact.phone]
    if contact.email:
        numbers += ["EM", contact.email]
    out.append(seg("PER", "IC", x12_name(contact.name), *numbers))
    out.append(seg("NM1", "40", "2", x12_name(tx.receiver.name), None, None, None, None, "46",
                   tx.receiver.id))


def _billing_provider(seg: Build, out: list[str], group: BillingGroup, hl: int) -> None:
    """2000A HL*n**20*1, PRV*BI*PXC; 2010AA NM1*85, N3, N4, REF*EI; 2010AB NM1*87, N3, N4."""
    bp = group.billing_provider
    out.append(seg("HL", str(hl), None, "20", "1"))
    out.append(seg("PRV", "BI", "PXC", bp.taxonomy))
    if bp.person is not None:
        out.append(person_nm1(seg, "85", bp.person, "XX", bp.npi))
    else:
        out.append(seg("NM1", "85", "2", x12_name(bp.organization_name), None, None, None, None,
                       "XX", bp.npi))
    address_segments(seg, out, bp.address)
    out.append(seg("REF", "EI", bp.ein))
    if bp.pay_to_address is not None:
        out.append(seg("NM1", "87", "2"))
        address_segments(seg, out, bp.pay_to_address)


def _demographics(seg: Build, out: list[str], dob: dt.date, sex: str) -> None:
    out.append(seg("DMG", "D8", x12_date(dob), sex or "U"))


def _subscriber(seg: Build, out: list[str], sub: Subscriber, payer: Payer, *, hl: int, parent: int,
                dependent: bool) -> None:
    """2000B HL*n*parent*22*(0|1), SBR; 2010BA NM1*IL (N3/N4/DMG required when the subscriber
    is the patient); 2010BB NM1*PR (+ N3/N4 when known)."""
    out.append(seg("HL", str(hl), str(parent), "22", "1" if dependent else "0"))
    out.append(seg("SBR", sub.payer_responsibility, None if dependent else "18", sub.group_number or None,
                   None, None, None, None, None, sub.claim_filing_indicator))
    out.append(person_nm1(seg, "IL", sub.name, "MI", sub.member_id))
    if not dependent and (sub.address is None or sub.date_of_birth is None):
        raise X12WriteError("2010BA N3/N4 and DMG are required when the subscriber is the patient")
    if sub.address is not None:
        address_segments(seg, out, sub.address)
    if sub.date_of_birth is not None:
        _demographics(seg, out, sub.date_of_birth, sub.sex)
    out.append(seg("NM1", "PR", "2", x12_name(payer.name), None, None, None, None, "PI", payer.payer_id))
    if payer.address is not None:
        address_segments(seg, out, payer.address)


def _patient(seg: Build, out: list[str], patient: Patient, *, hl: int, parent: int) -> None:
    """2000C HL*n*parent*23*0, PAT01 relationship; 2010CA NM1*QC (no id), N3, N4, DMG."""
    out.append(seg("HL", str(hl), str(parent), "23", "0"))
    out.append(seg("PAT", patient.relationship))
    out.append(person_nm1(seg, "QC", patient.name, "", ""))
    address_segments(seg, out, patient.address)
    _demographics(seg, out, patient.date_of_birth, patient.sex)


def _by_subscriber(claims: Sequence[Claim]) -> dict[tuple, dict[Patient | None, list[Claim]]]:
    """Group claims by (subscriber, payer, dependent?) then by patient, keeping first-seen order."""
    groups: dict[tuple, dict[Patient | None, list[Claim]]] = {}
    for claim in claims:
        key = (claim.subscriber, claim.payer, claim.patient is not None)
        groups.setdefault(key, {}).setdefault(claim.patient, []).append(claim)
    return groups


def _chunks(claims: list[Claim]) -> list[list[Claim]]:
    """Loop 2300 repeats at most 100 times under one HL; more claims need another HL."""
    return [claims[k:k + MAX_CLAIMS_PER_HL] for k in range(0, len(claims), MAX_CLAIMS_PER_HL)]


def transaction_segments(tx: Transaction837P, created: dt.datetime,
                         delimiters: Delimiters = DEFAULT_DELIMITERS) -> list[str]:
    """All segments of one ST..SE transaction set (SE01 counts ST and SE)."""
    seg = delimiters.build
    out = [envelope.st("837", tx.control_number, VERSION, delimiters)]
    _header(seg, out, tx, created)
    hl = 0
    for group in tx.billing_groups:
        if not group.claims:
            raise X12WriteError("a 2000A billing provider HL needs at least one claim")
        hl += 1
        provider_hl = hl
        _billing_provider(seg, out, group, provider_hl)
        for (subscriber, payer, dependent), patients in _by_subscriber(group.claims).items():
            if not dependent:  # the subscriber is the patient: claims sit under HL 22 itself
                for chunk in _chunks(patients[None]):
                    hl += 1
                    _subscriber(seg, out, subscriber, payer, hl=hl, parent=provider_hl, dependent=False)
                    for claim in chunk:
                        claim_segments(seg, out, claim)
                continue
            hl += 1
            subscriber_hl = hl
            _subscriber(seg, out, subscriber, payer, hl=subscriber_hl, parent=provider_hl, dependent=True)
            for patient, claims in patients.items():
                for chunk in _chunks(claims):
                    hl += 1
                    _patient(seg, out, patient, hl=hl, parent=subscriber_hl)  # type: ignore[arg-type]
                    for claim in chunk:
                        claim_segments(seg, out, claim)
    out.append(envelope.se(len(out) + 1, tx.control_number, delimiters))
    return out


def write_837p(
    transactions: Sequence[Transaction837P],
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
    """Return one interchange ISA..IEA with one GS group holding one ST per transaction.

    Control numbers come from the caller (the batch allocates them); ST02 of each
    transaction is its `control_number` and must be unique within the group. GS02/GS03
    default to the ISA sender/receiver ids. `line_break` adds a newline after each segment
    terminator for human reading; receivers accept both.
    """
    if not transactions:
        raise X12WriteError("an 837P interchange needs at least one transaction set")
    if len({tx.control_number for tx in transactions}) != len(transactions):
        raise X12WriteError("ST02 control numbers must be unique within the functional group")
    return envelope.interchange(
        [transaction_segments(tx, created, delimiters) for tx in transactions],
        functional_id="HC", version=VERSION, sender_id=sender_id, receiver_id=receiver_id,
        interchange_control_number=interchange_control_number,
        group_control_number=group_control_number, created=created, test=test,
        delimiters=delimiters, sender_qualifier=sender_qualifier,
        receiver_qualifier=receiver_qualifier,
        application_sender_code=application_sender_code,
        application_receiver_code=application_receiver_code, ack_requested=ack_requested,
        line_break=line_break)
