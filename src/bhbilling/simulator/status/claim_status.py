"""Answer 276 claim status requests with a 277 claim status response (005010X212).

Structure (guide section 2.4), mirroring the request: 2000A/2100A NM1*PR (the payer),
2000B/2100B NM1*41 (the submitter), 2000C/2100C NM1*1P (the provider), 2000D/2100D
NM1*IL (subscriber) and 2000E/2100E NM1*QC (dependent patient), each claim a 2200D/E
loop: TRN*2 echoing the 276 TRN*1 (our CLM01), STC, REF*1K payer claim number, REF*EJ
our patient control number, DTP*472; finalized claims add their 2220 lines (SVC with
charge, paid and units, STC, REF*FJ our line control number, DTP*472).
The status, from the payer's own record of the claim (category code source 507, status
code 508): not found A4:35; rejected in the 277CA: its A3/A6/A7 codes; pending P1:20
(in process); finalized F1:1 paid, F4:1 adjudicated with nothing paid (patient's
share), F2:1 denied, with STC04 charge, STC05 paid, STC06 adjudication date and STC08/09
the 835's date and EFT trace; voided F0:686; a claim the payer replaced reports the
newest record of that claim number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bhbilling.simulator.adjudication.model import ClaimOutcome
from bhbilling.simulator.code_lists import category_code, status_code
from bhbilling.simulator.interchange import build
from bhbilling.simulator.payerbook import PayerBook
from bhbilling.simulator.state import SimulatorState
from bhbilling.x12.status276 import ClaimInquiry, PersonName, Transaction276
from bhbilling.x12.syntax import x12_date, x12_decimal, x12_money, x12_name

__all__ = ["VERSION", "status_body"]

VERSION = "005010X212"
_ENTITIES = frozenset({"IL", "QC", "85", "82", "41"})  # 2200D STC01-3 codes the guide allows here


def _stc(category: str, code: str, entity: str = "") -> tuple[str, ...]:
    category_code(category)
    status_code(code)
    return (category, code, entity if entity in _ENTITIES else "")


def _record(state: SimulatorState, payer_id: str, claim: ClaimInquiry) -> dict[str, Any] | None:
    if claim.payer_claim_number and claim.payer_claim_number in state.claims:
        record = state.claims[claim.payer_claim_number]
        while record.get("corrected_by"):  # reversed and paid again: report the correction
            record = state.claims[record["corrected_by"]]
        if record["payer"] == payer_id:
            return record
    found = state.claims_for(payer_id, claim.patient_control_number or claim.trace_number)
    return found[-1] if found else None


def _claim_loop(record: dict[str, Any] | None, claim: ClaimInquiry, today: dt.date) -> list[str]:
    out = [build("TRN", "2", claim.trace_number)]
    charge = x12_money(claim.charge)
    if record is None:
        return [*out, build("STC", _stc("A4", "35"), x12_date(today), None, charge)]
    status = record["status"]
    outcome = ClaimOutcome.from_dict(record["outcome"]) if record.get("outcome") else None
    if status == "rejected":
        codes = [_stc(c, s, e) for c, s, e, _ in record["rejections"][:3]]
        out.append(build("STC", codes[0], x12_date(today), None, charge, None, None, None, None, None,
                         codes[1] if len(codes) > 1 else None, codes[2] if len(codes) > 2 else None))
    elif status == "pending":
        out.append(build("STC", _stc("P1", "20"), x12_date(today), None, charge))
    elif status in ("void", "voided", "replaced") or outcome is None:
        out.append(build("STC", _stc("F0", "686"), x12_date(today), None, charge))
    else:
        category = "F1" if outcome.paid > 0 else ("F4" if outcome.patient_responsibility > 0 else "F2")
        remit = record.get("remit_date")
        out.append(build("STC", _stc(category, "1"), x12_date(today), None, x12_money(outcome.charge),
                         x12_money(outcome.paid), x12_date(outcome.adjudicated), None,
                         x12_date(dt.date.fromisoformat(remit)) if remit else None,
                         record.get("remit_trace")))
    if record.get("icn"):
        out.append(build("REF", "1K", record["icn"]))
    out.append(build("REF", "EJ", record["pcn"]))
    facts = record["facts"]
    dates = sorted(line["service_date"].replace("-", "") for line in facts["lines"])
    out.append(build("DTP", "472", "D8", dates[0]) if dates[0] == dates[-1]
               else build("DTP", "472", "RD8", f"{dates[0]}-{dates[-1]}"))
    if outcome is not None and status not in ("void", "voided", "replaced"):
        for line in outcome.lines:
            out += [build("SVC", ("HC", line.code, *line.modifiers), x12_money(line.charge),
                          x12_money(line.paid),
                          None, None, None, x12_decimal(line.units)),
                    build("STC", _stc("F1" if line.paid > 0 else ("F4" if not line.denied else "F2"), "1"),
                          x12_date(outcome.adjudicated)),
                    build("REF", "FJ", line.control_number), build("DTP", "472", "D8",
                                                                   x12_date(line.service_date))]
    return out


def _person(code: str, name: PersonName, member_id: str | None) -> str:
    return build("NM1", code, "1", x12_name(name.last), x12_name(name.first) or None,
                 x12_name(name.middle) or None,
                 None, x12_name(name.suffix) or None, "MI" if member_id else None, member_id)


def status_body(book: PayerBook, state: SimulatorState, request: Transaction276, today: dt.date) -> list[str]:
    """The segments between ST and SE of the 277 answering `request`."""
    payer = book.payer(request.payer.payer_id)
    name = payer.name if payer is not None else request.payer.name
    out = [build("BHT", "0010", "08", request.reference_id, x12_date(today), "1200", "DG"),
           build("HL", "1", None, "20", "1"),
           build("NM1", "PR", "2", x12_name(name), None, None, None, None, "PI", request.payer.payer_id),
           build("HL", "2", "1", "21", "1"),
           build("NM1", "41", "2", x12_name(request.receiver.name), None, None, None, None, "46",
                 request.receiver.etin)]
    hl = 2
    tree: dict = {}
    for inq in request.inquiries:
        tree.setdefault(inq.provider, {}).setdefault(inq.subscriber, []).append(inq)
    for provider, subscribers in tree.items():
        hl += 1
        provider_hl = hl
        prov = (build("NM1", "1P", "1", x12_name(provider.person.last),
                      x12_name(provider.person.first) or None,
                      None, None, None, "XX", provider.npi) if provider.person is not None else
                build("NM1", "1P", "2", x12_name(provider.organization_name), None, None, None, None, "XX",
                      provider.npi))
        out += [build("HL", str(hl), "2", "19", "1"), prov]
        for subscriber, inquiries in subscribers.items():
            own = [i for i in inquiries if i.dependent is None]
            deps = [i for i in inquiries if i.dependent is not None]
            for group, has_children in ((own, False), (deps, True)):
                if not group:
                    continue
                hl += 1
                sub_hl = hl
                out += [build("HL", str(hl), str(provider_hl), "22", "1" if has_children else "0"),
                        _person("IL", subscriber.name, subscriber.member_id)]
                for inq in group:
                    if has_children:
                        hl += 1
                        out += [build("HL", str(hl), str(sub_hl), "23"), _person("QC", inq.dependent.name,
                                                                                 None)]
                    record = _record(state, request.payer.payer_id, inq.claim)
                    out += _claim_loop(record, inq.claim, today)
    return out
