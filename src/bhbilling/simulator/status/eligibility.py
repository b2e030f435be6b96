"""Answer 270 inquiries with a 271 eligibility response (005010X279A1) from the payer book.

What a payer answers (guide section 2.4; reference doc section 9 for the benefits):
- 2000A/2100A NM1*PR the payer; a payer not in the book answers AAA*Y**79*N there
  (invalid participant identification) and nothing more.
- 2000B/2100B: the asking provider's NM1 echoed.
- per question a 2000C (and 2000D for a dependent): TRN*2 echoing our TRN*1, NM1*IL
  with the payer's own name for the member, DMG, DTP*346/347 plan dates, then:
  unknown member AAA*Y**72*C (member id malformed) or AAA*Y**75*C (not found); birth
  date differing from the record AAA*Y**71*C; a dependent not on the record AAA*Y**67*C;
  coverage not in force on the asked date EB*6 (inactive); otherwise EB*1 for the plan
  (30) and, for each mental-health service type asked (MH when none was), EB*1 active,
  EB*B copay per visit (27), EB*C deductible (23 plan year, 29 remaining), EB*A
  coinsurance, EB*G out-of-pocket (23, 29), EB*F visit limit (22 service year and 29
  remaining, VS visits), each with EB12 network Y/N. One service type per EB: the writer
  refuses repetition separators inside values, and one code per loop is what the 270
  side asks for too.
There is no pyx12 map for 271 005010X279A1; the tests read these answers with
`x12.elig271.read_271`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bhbilling.kernel.money import quantize_cents
from bhbilling.simulator.interchange import build
from bhbilling.simulator.payerbook import Member, PayerBook
from bhbilling.simulator.state import SimulatorState
from bhbilling.simulator.status.inquiry270 import EligibilityQuestion, EligibilityRequest
from bhbilling.x12.syntax import x12_date, x12_decimal, x12_money, x12_name

__all__ = ["VERSION", "eligibility_body"]

VERSION = "005010X279A1"
_MEMBER_ID = re.compile(r"[0-9A-Za-z-]{2,80}")
_MH = ("MH", "A4", "A6", "A7", "A8", "AI", "AJ", "AK", "CF", "CE", "CG", "CH", "CI", "CJ")
ZERO = Decimal("0.00")


def _aaa(code: str) -> str:
    return build("AAA", "Y", None, code, "C")


def _eb(info: str, stc: str, net: str, *, period: str = "", amount: str = "", percent: str = "",
        visits: str = "", plan: str = "") -> str:
    """EB01 info, EB02 IND, EB03 service type, EB05 plan, EB06 period, EB07 amount, EB08
    percent, EB09 VS + EB10 visits, EB12 in network."""
    return build("EB", info, "IND", stc, None, plan or None, period or None, amount or None, percent or None,
                 "VS" if visits else None, visits or None, None, net)


def _benefits(member: Member, q: EligibilityQuestion, state: SimulatorState) -> list[str]:
    plan = member.plan
    net = "Y" if plan.in_network else "N"
    acc = state.accumulator(f"{member.payer_id}|{member.member_id}|{plan.start.isoformat()}")
    out = [build("EB", "1", "IND", "30", None, x12_name(plan.name))]
    for stc in [t for t in q.service_types if t in _MH][:4] or ["MH"]:
        out.append(_eb("1", stc, net, plan=x12_name(plan.name)))
        if plan.copay:
            out.append(_eb("B", stc, net, period="27", amount=x12_money(plan.copay)))
        if plan.deductible:
            left = max(ZERO, plan.deductible - plan.deductible_met - Decimal(acc["deductible"]))
            out += [_eb("C", stc, net, period="23", amount=x12_money(plan.deductible)),
                    _eb("C", stc, net, period="29", amount=x12_money(left))]
        if plan.coinsurance:
            out.append(_eb("A", stc, net, percent=x12_decimal(plan.coinsurance)))
        if plan.oop_max is not None:
            left = max(ZERO, plan.oop_max - plan.oop_met - Decimal(acc["oop"]))
            out += [_eb("G", stc, net, period="23", amount=x12_money(plan.oop_max)),
                    _eb("G", stc, net, period="29", amount=x12_money(quantize_cents(left)))]
        if plan.visit_limit is not None:
            left = max(0, plan.visit_limit - plan.visits_used - len(acc["visit_days"]))
            out += [_eb("F", stc, net, period="22", visits=str(plan.visit_limit)),
                    _eb("F", stc, net, period="29", visits=str(left))]
    return out


def _member_part(book: PayerBook, payer_id: str, q: EligibilityQuestion, state: SimulatorState) -> list[str]:
    """What follows the member's NM1: AAA, or DMG, plan dates and benefits."""
    member = book.member(payer_id, q.member_id)
    if member is None:
        return [_aaa("72" if not _MEMBER_ID.fullmatch(q.member_id) else "75")]
    if q.dependent is None and member.birth_date and q.subscriber.birth_date not in (None, member.birth_date):
        return [_aaa("71")]
    plan = member.plan
    out = []
    if q.dependent is None and member.birth_date is not None:
        out.append(build("DMG", "D8", x12_date(member.birth_date), member.sex or None))
    out.append(build("DTP", "346", "D8", x12_date(plan.start)))
    if plan.end is not None:
        out.append(build("DTP", "347", "D8", x12_date(plan.end)))
    on = q.service_date
    if on is not None and not plan.covers(on):
        return [*out, build("EB", "6", "IND", "30", None, x12_name(plan.name))]
    return out + _benefits(member, q, state)


def eligibility_body(book: PayerBook, state: SimulatorState, request: EligibilityRequest,
                     created) -> list[str]:
    """The segments between ST and SE of the 271 answering `request`."""
    out = [build("BHT", "0022", "11", request.reference, x12_date(created.date()), created.strftime("%H%M")),
           build("HL", "1", None, "20", "1")]
    payer = book.payer(request.payer_id)
    if payer is None:
        name = x12_name(request.payer_name or "UNKNOWN PAYER")
        return [*out, build("NM1", "PR", "2", name, None, None, None, None, "PI",
                            request.payer_id or "UNKNOWN"), build("AAA", "Y", None, "79", "N")]
    out.append(build("NM1", "PR", "2", x12_name(payer.name), None, None, None, None, "PI", payer.payer_id))
    out += [build("HL", "2", "1", "21", "1"), build("NM1", *request.receiver)]
    hl = 2
    for q in request.questions:
        hl += 1
        member = book.member(payer.payer_id, q.member_id)
        trn = build("TRN", "2", q.trace, q.originator or None)
        name = (x12_name(member.last_name), x12_name(member.first_name)) if member else (
            x12_name(q.subscriber.last), x12_name(q.subscriber.first) or None)
        nm1 = build("NM1", "IL", "1", *name, None, None, None, "MI", q.member_id)
        if q.dependent is None:
            out += [build("HL", str(hl), "2", "22", "0"), trn, nm1]
            out += _member_part(book, payer.payer_id, q, state)
            continue
        out += [build("HL", str(hl), "2", "22", "1"), nm1]
        hl += 1
        out += [build("HL", str(hl), str(hl - 1), "23", "0"), trn,
                build("NM1", "03", "1", x12_name(q.dependent.last), x12_name(q.dependent.first) or None)]
        if member is None:
            out.append(_aaa("75"))
            continue
        known = any(d.first_name.upper() == q.dependent.first.upper() for d in member.dependents)
        out += _member_part(book, payer.payer_id, q, state) if known else [_aaa("67")]
    return out
