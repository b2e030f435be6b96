"""The payer answering questions: 276 -> 277 claim status, 270 -> 271 eligibility.

Ring: simulator. pyx12 4.0.0 cannot check either answer: it has no 271 005010X279A1 map,
and its 277 X212 map is not listed in its index and describes another guide (GS01 RA,
GS08 005010X218), so the project copies no map and checks with its own readers instead:
`x12.status277.read_277` and `x12.elig271.read_271` (plus the domain's benefit summary
for the 271), with the envelope counts checked by the envelope reader.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from bhbilling.interchange.eligibility import summarize_response
from bhbilling.simulator.code_lists import category_code, status_code
from bhbilling.x12.elig270 import (
    Dependent,
    InformationReceiver,
    InformationSource,
    Inquiry,
    Transaction270,
    write_270,
)
from bhbilling.x12.elig270 import PersonName as Name270
from bhbilling.x12.elig270 import Subscriber as Sub270
from bhbilling.x12.elig271 import read_271
from bhbilling.x12.status276 import (
    ClaimInquiry,
    PersonName,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
    write_276,
)
from bhbilling.x12.status276 import (
    InformationReceiver as Receiver276,
)
from bhbilling.x12.status276 import (
    Payer as Payer276,
)
from bhbilling.x12.status277 import read_277
from tests.unit.simulator.builders import book_for, claim, file_837, run, subscriber
from tests.unit.simulator.remits import claims_by_pcn

DAY1 = dt.date(2026, 3, 26)
PROVIDER = ServiceProvider("1234567893", organization_name="CALM WATERS COUNSELING")
SUB = Subscriber("MEM900001", PersonName("RIVERA", "PAT"), dt.date(1980, 5, 5), "F")


def _ask(*pcns: str, icn: str = "") -> bytes:
    inquiries = tuple(StatusInquiry(PROVIDER, SUB, ClaimInquiry(p, Decimal("180.00"), dt.date(2026, 3, 2),
                                                                payer_claim_number=icn,
                                                                patient_control_number=p))
                      for p in pcns)
    tx = Transaction276(1, "ASK1", Payer276("CASCADE HEALTH PLAN", "CHP123"), Receiver276("NORTHWIND",
                                                                                          "NWB0001"),
                        inquiries)
    return write_276([tx], sender_id="NWB0001", receiver_id="BHSIMCH", interchange_control_number=77,
                     group_control_number=77, created=dt.datetime(2026, 4, 1, 9), test=True).encode()


def _answers(tmp: Path, summary) -> dict[str, object]:
    path, = [tmp / "out" / o for o in summary.outputs if o.endswith(".277")]
    resp, = read_277(path)
    assert resp.reference == "ASK1" and resp.transaction_type == "DG" and not resp.is_acknowledgment
    for c in resp.claims:
        for s in c.statuses:
            for code in s.codes:
                assert category_code(code.category) and status_code(code.code)
    return {c.patient_control_number: c for c in resp.claims}


def test_status_of_pending_paid_rejected_and_unknown_claims(tmp_path: Path):
    paid, pending = claim("S1"), claim("S2")
    rejected = claim("S3", sub=subscriber("NOBODY"))
    book = book_for(paid, rules={"CHP123": {"adjudication_delay_days": 0}})
    run(tmp_path, book, file_837(paid, rejected))
    slow = book_for(paid, rules={"CHP123": {"adjudication_delay_days": 30}})
    run(tmp_path, slow, file_837(pending, control=2), today=DAY1 + dt.timedelta(days=1))
    summary = run(tmp_path, slow, _ask("S1", "S2", "S3", "S404"), today=DAY1 + dt.timedelta(days=6))
    assert summary.status_answers == 4
    got = _answers(tmp_path, summary)
    s1 = got["S1"].status
    assert (s1.category, s1.code, s1.paid, s1.adjudicated) == ("F1", "1", Decimal("180.00"), DAY1)
    assert s1.remittance_trace and s1.remittance_date == DAY1 and got["S1"].payer_claim_number
    assert got["S1"].lines[0].line_control_number == "LC1" and got["S1"].lines[0].paid == Decimal("180.00")
    assert str(got["S2"].status.codes[0]) == "P1:20"
    assert str(got["S3"].status.codes[0]) == "A3:33:IL" and got["S3"].payer_claim_number == ""
    assert str(got["S404"].status.codes[0]) == "A4:35" and got["S404"].payer_claim_number == ""


def test_status_follows_a_reversal_to_its_correction(tmp_path: Path):
    c = claim("SR1")
    book = book_for(c, mix={"reversal": "1"})
    first = run(tmp_path, book, file_837(c))
    icn = claims_by_pcn(tmp_path, first)["SR1"][0].payer_claim_number
    run(tmp_path, book, today=DAY1 + dt.timedelta(days=20))
    summary = run(tmp_path, book, _ask("SR1", icn=icn), today=DAY1 + dt.timedelta(days=21))
    answer = _answers(tmp_path, summary)["SR1"]
    assert answer.payer_claim_number != icn and answer.status.category == "F1"


def _inquiry(trace: str, member: str, *, dob=dt.date(1980, 5, 5), dependent: Dependent | None = None,
             types=("30", "MH", "A6")) -> Inquiry:
    return Inquiry(trace, "1931234567", Sub270(member, Name270("RIVERA", "PAT"), dob, "F"), dt.date(2026, 4,
                                                                                                    2),
                   types, dependent)


def _eligibility(tmp: Path, book, *inquiries: Inquiry, payer=("Cascade Health Plan", "CHP123")):
    tx = Transaction270(1, "ELIG1", InformationSource(*payer),
                        InformationReceiver("1234567893", organization_name="Calm Waters Counseling"),
                        inquiries)
    data = write_270([tx], sender_id="NWB0001", receiver_id="BHSIMCH", interchange_control_number=5,
                     group_control_number=5, created=dt.datetime(2026, 4, 1, 9), test=True).encode()
    summary = run(tmp, book, data, today=dt.date(2026, 4, 1))
    path, = [tmp / "out" / o for o in summary.outputs if o.endswith(".271")]
    response, = read_271(path)
    assert response.reference == "ELIG1"
    return response


def test_271_active_member_with_mental_health_benefits(tmp_path: Path):
    book = book_for(claim("E0"), plan={"deductible": "500.00", "deductible_met": "200.00", "copay": "25.00",
                                       "coinsurance": "0.20", "oop_max": "3000.00", "visit_limit": 30,
                                       "visits_used": 4})
    response = _eligibility(tmp_path, book, _inquiry("T1", "MEM900001"))
    member, = response.members
    assert member.traces[0].number == "T1" and member.rejections == ()
    infos = {(b.info, b.service_types, b.time_period): b for b in member.benefits}
    assert infos[("B", ("MH",), "27")].amount == Decimal("25.00")
    assert infos[("C", ("A6",), "29")].amount == Decimal("300.00")
    assert infos[("A", ("MH",), "")].percent == Decimal("0.2")
    assert infos[("F", ("MH",), "29")].quantity == 26
    summary, = summarize_response(response, on=dt.date(2026, 4, 2))
    assert summary.status == "active"


def test_271_rejections_for_unknown_members_and_inactive_coverage(tmp_path: Path):
    book = book_for(claim("E1"), plan={"end": "2026-03-31"})
    response = _eligibility(tmp_path, book, _inquiry("T1", "MEM900001"), _inquiry("T2", "NOSUCH9"),
                            _inquiry("T3", "BAD ID!"), _inquiry("T4", "MEM900001", dob=dt.date(1990, 1, 1)),
                            _inquiry("T5", "MEM900001", dependent=Dependent(Name270("RIVERA", "ZED"),
                                                                            dt.date(2016, 1, 1))))
    by_trace = {m.traces[0].number: m for m in response.members if m.traces}
    inactive = by_trace["T1"]
    assert [b.info for b in inactive.benefits] == ["6"]
    assert [(r.reason, r.follow_up) for r in by_trace["T2"].rejections] == [("75", "C")]
    assert [r.reason for r in by_trace["T3"].rejections] == ["72"]
    assert [r.reason for r in by_trace["T4"].rejections] == ["71"]
    assert by_trace["T5"].level == "dependent" and [r.reason for r in by_trace["T5"].rejections] == ["67"]


def test_271_for_a_payer_not_in_the_book(tmp_path: Path):
    response = _eligibility(tmp_path, book_for(claim("E2")), _inquiry("T1", "MEM900001"),
                            payer=("Nowhere Health", "NOWHERE"))
    assert [r.reason for r in response.rejections] == ["79"] and response.members == ()
