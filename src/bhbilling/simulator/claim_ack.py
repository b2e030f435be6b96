"""Write the 277CA claim acknowledgment (005010X214) of one 837P file.

Structure (guide section 2.4), one ST per (837P transaction set, payer):
BHT*0085*08*reference*date*time*TH /
2000A HL 20: 2100A NM1*PR (payer id, 'PI'; the clearinghouse as NM1*AY with '46' when
the claim names a payer it does not know), 2200A TRN*1 trace, DTP*050 received, DTP*009
processed /
2000B HL 21: 2100B NM1*41 (the submitter, 46 ETIN), 2200B TRN*2 = the 837P BHT03, STC
A1:19 (received), QTY*90/AA and AMT*YU/YY accepted and rejected totals /
2000C HL 19 per billing provider: NM1*85 (XX NPI), TRN*1, STC A1:19:85 (STC02 not used
here), QTY*QA/QC, AMT*YU/YY /
2000D HL PT per claim: NM1*QC (the patient, with the member id MI), 2200D TRN*2 = our
CLM01, STC A2:20 (accepted, action WQ) or the rejections (up to three composites in
STC01/10/11, action U, STC12 a plain reason), REF*1K payer claim number when accepted,
DTP*472 service dates, and for a line in error its 2220D loop (SVC, STC, REF*FJ = our
line control number, DTP*472).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.simulator.code_lists import category_code, status_code
from bhbilling.simulator.facts import ClaimFacts, ProviderFacts
from bhbilling.simulator.front_end import Rejection
from bhbilling.simulator.interchange import Interchange, build
from bhbilling.x12.syntax import x12_date, x12_decimal, x12_money, x12_name, x12_time

__all__ = ["AckGroup", "Verdict", "date_segment", "write_277ca"]

VERSION = "005010X214"


@dataclass(frozen=True, slots=True)
class Verdict:
    facts: ClaimFacts
    icn: str  # payer claim number ("" when rejected)
    rejections: tuple[Rejection, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.rejections


@dataclass(frozen=True, slots=True)
class AckGroup:
    """Claims of one 837P transaction set for one payer (or the clearinghouse)."""

    source_name: str
    source_id: str
    known_payer: bool
    verdicts: tuple[Verdict, ...]


def _composite(r: Rejection) -> tuple[str, ...]:
    category_code(r.category)  # KeyError: a code outside the 507/508 lists is a bug
    status_code(r.code)
    return (r.category, r.code, r.entity)


def date_segment(facts: ClaimFacts) -> str:
    """DTP*472: D8 for one date of service, RD8 for a span."""
    first, last = facts.first_date, facts.last_date
    if first == last:
        return build("DTP", "472", "D8", x12_date(first))
    return build("DTP", "472", "RD8", f"{x12_date(first)}-{x12_date(last)}")


def _totals(prefix: str, verdicts: Sequence[Verdict]) -> list[str]:
    acc = [v for v in verdicts if v.accepted]
    rej = [v for v in verdicts if not v.accepted]
    quals = ("90", "AA") if prefix == "B" else ("QA", "QC")
    out = [build("QTY", q, str(len(group))) for q, group in zip(quals, (acc, rej), strict=True) if group]
    for qual, group in (("YU", acc), ("YY", rej)):
        if group:
            out.append(build("AMT", qual, x12_money(sum((v.facts.charge for v in group), Decimal(0)))))
    return out


def _provider_nm1(p: ProviderFacts) -> str:
    if p.person:
        return build("NM1", "85", "1", x12_name(p.name), x12_name(p.first) or None, None, None, None, "XX",
                     p.npi)
    return build("NM1", "85", "2", x12_name(p.name), None, None, None, None, "XX", p.npi)


def _claim(v: Verdict, today: dt.date, hl: int, parent: int) -> list[str]:
    f, person = v.facts, v.facts.person
    out = [build("HL", str(hl), str(parent), "PT"),
           build("NM1", "QC", "1", x12_name(person.last), x12_name(person.first) or None,
                 x12_name(person.middle) or None, None, x12_name(person.suffix) or None, "MI", f.member_id),
           build("TRN", "2", f.pcn)]
    if v.accepted:
        status_code("20")
        out.append(build("STC", ("A2", "20"), x12_date(today), "WQ", x12_money(f.charge)))
        out.append(build("REF", "1K", v.icn))
    else:
        codes = [_composite(r) for r in v.rejections[:3]]
        reason = re.sub(r"[^A-Z0-9 ,.;()/-]", " ", "; ".join(r.reason for r in v.rejections).upper())[:264]
        more = [codes[n] if len(codes) > n else None for n in (1, 2)]  # STC10, STC11
        out.append(build("STC", codes[0], x12_date(today), "U", x12_money(f.charge), *[None] * 5, *more,
                         reason))
    out.append(date_segment(f))
    for r in v.rejections:
        if r.line:  # 2220D: the line in error, echoing our REF*6R as REF*FJ
            li = f.lines[r.line - 1]
            out += [build("SVC", ("HC", li.code, *li.modifiers), x12_money(li.charge), None, None, None, None,
                          x12_decimal(li.units)),
                    build("STC", _composite(r), x12_date(today), "U"), build("REF", "FJ", li.control_number),
                    build("DTP", "472", "D8", x12_date(li.service_date))]
    return out


def _body(group: AckGroup, today: dt.date, reference: str, trace: str) -> list[str]:
    first = group.verdicts[0].facts
    env = first.envelope
    total = x12_money(sum((v.facts.charge for v in group.verdicts), Decimal(0)))
    source = (build("NM1", "PR", "2", x12_name(group.source_name), None, None, None, None, "PI",
                    group.source_id)
              if group.known_payer else
              build("NM1", "AY", "2", x12_name(group.source_name), None, None, None, None, "46",
                    group.source_id))
    out = [build("BHT", "0085", "08", reference, x12_date(today), x12_time(dt.time(12, 0)), "TH"),
           build("HL", "1", None, "20", "1"), source, build("TRN", "1", trace),
           build("DTP", "050", "D8", x12_date(first.received)), build("DTP", "009", "D8", x12_date(today)),
           build("HL", "2", "1", "21", "1"),
           build("NM1", "41", "2", x12_name(env.submitter_name), None, None, None, None, "46",
                 env.submitter_id),
           build("TRN", "2", env.batch_reference),
           build("STC", ("A1", "19", "PR" if group.known_payer else "AY"), x12_date(today), "WQ", total),
           *_totals("B", group.verdicts)]
    hl = 2
    by_provider: dict[str, list[Verdict]] = {}
    for v in group.verdicts:
        by_provider.setdefault(v.facts.billing.npi, []).append(v)
    for npi, verdicts in by_provider.items():
        hl += 1
        provider_hl = hl
        charge = x12_money(sum((v.facts.charge for v in verdicts), Decimal(0)))
        out += [build("HL", str(hl), "2", "19", "1"), _provider_nm1(verdicts[0].facts.billing),
                build("TRN", "1", npi), build("STC", ("A1", "19", "85"), None, "WQ", charge),
                *_totals("C", verdicts)]
        for v in verdicts:
            hl += 1
            out += _claim(v, today, hl, provider_hl)
    return out


def write_277ca(groups: Sequence[AckGroup], *, sender_id: str, receiver_id: str, receiver_qualifier: str,
                test: bool, control_number: int, today: dt.date) -> str:
    """One interchange acknowledging every claim of one 837P file."""
    ic = Interchange(functional_id="HN", version=VERSION, sender_id=sender_id, receiver_id=receiver_id,
                     receiver_qualifier=receiver_qualifier, control_number=control_number, today=today,
                     test=test)
    for n, group in enumerate(groups, start=1):
        ic.add("277", _body(group, today, f"{control_number}{n:04d}", f"{control_number}{n:04d}"))
    return ic.text()
