"""The 271 reader: every shared-corpus and crafted 271 reads; broken ones fail located.

Ring: x12. Broken inputs are built by editing a good crafted file one segment at a time,
so each test names exactly what is wrong and where the error must point.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.x12.elig271 import Benefit, read_271
from bhbilling.x12.errors import X12EnvelopeError, X12Error, X12ValueError

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "271"
# corpus file -> (error class, segment number, segment id, element): broken on purpose
BROKEN = {"lfh__subscriber-health-benefit-check-error.271": (X12EnvelopeError, 10, "SE", "SE02")}
SUBSCRIBER_RESPONSE = ("badx12__X279-response-to-generic-request-by-clinic-for-patient--"
                       "subscriber--eligibility.edi")
PROVIDER_REJECTED = ("badx12__X279-error-response-from-payer-to-clinic-not-eligible-for-"
                     "inquiries-with-payer.edi")


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []


def test_corpus_is_present():
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"X12 corpus missing at {CORPUS}")
        pytest.skip("shared X12 corpus not found beside the repo")
    assert len(_corpus()) >= 6


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_271_reads_or_fails_located(path):
    expected = BROKEN.get(path.name)
    if expected is None:
        responses = read_271(path)
        assert responses
        for response in responses:
            assert response.source is not None and response.source.entity.code == "PR"
            assert response.members or response.rejections
        return
    cls, number, seg_id, element = expected
    with pytest.raises(cls) as info:
        read_271(path)
    err = info.value
    assert (err.file, err.segment_number, err.segment_id, err.element) == (path.name, number, seg_id, element)


def test_corpus_subscriber_response_in_detail():
    (response,) = read_271(CORPUS / SUBSCRIBER_RESPONSE)
    assert (response.control_number, response.reference) == ("4321", "10001234")
    assert response.created == dt.date(2006, 5, 1)
    assert response.receiver is not None and response.receiver.entity.id == "2000035"
    (member,) = response.members
    assert member.level == "subscriber" and member.member_id == "123456789"
    assert member.entity.display_name == "JOHN SMITH"
    assert [(t.kind, t.number, t.originator) for t in member.traces] == [("2", "93175-012547", "9877281234")]
    assert member.address is not None
    assert (member.address.city, member.address.line2) == ("KANSAS CITY", "APT 215")
    assert (member.birth_date, member.sex) == (dt.date(1963, 5, 19), "M")
    assert [(d.qualifier, d.start) for d in member.dates] == [("346", dt.date(2006, 1, 1))]
    assert [b.info for b in member.benefits] == ["1", "L", "1", "B", "B"]
    copay_in, copay_out = member.benefits[3], member.benefits[4]
    # EB03 repeats with the ISA11 separator ">" of this file
    assert copay_in.service_types == ("1", "33", "35", "47", "86", "88", "98", "AL", "MH", "UC")
    assert (copay_in.insurance_type, copay_in.plan_description) == ("HM", "GOLD 123 PLAN")
    assert copay_in.time_period == "27"
    assert (copay_in.amount, copay_in.in_network, copay_out.amount, copay_out.in_network) == (
        Decimal("10"), "Y", Decimal("30"), "N")
    (pcp,) = copay_out.related
    assert (pcp.entity.code, pcp.entity.display_name, pcp.entity.id) == ("P3", "MARCUS JONES", "0202034")


def test_corpus_dependent_response_links_the_subscriber():
    (response,) = read_271(CORPUS / "lfh__dependent-health-benefit-check.271")
    subscriber, dependent = response.members
    assert (subscriber.level, dependent.level) == ("subscriber", "dependent")
    assert dependent.subscriber is subscriber
    assert dependent.member_id == "123456789" and dependent.entity.id == ""
    assert dependent.relationship == "19" and len(dependent.benefits) == 5
    assert dependent.benefits[1].related[0].entity.code == "P3"  # LS/LE right after EB*L


def test_corpus_provider_rejection_at_2100b():
    (response,) = read_271(CORPUS / PROVIDER_REJECTED)
    assert response.members == ()
    (rej,) = response.rejections
    assert (rej.loop, rej.valid_request, rej.reason, rej.follow_up) == ("2100B", True, "50", "N")
    assert rej.segment_number == 9


@pytest.mark.parametrize("path", sorted(DATA.glob("*.271")), ids=lambda p: p.name)
def test_crafted_271_reads(path):
    (response,) = read_271(path)
    patients = [m for m in response.members if m.benefits or m.rejections]
    assert patients and all(m.traces and m.entity.code in ("IL", "03") for m in patients)


def test_crafted_count():
    assert len(list(DATA.glob("*.271"))) >= 12


def test_benefit_loop_parts_are_kept():
    (response,) = read_271(DATA / "10_telehealth.271")
    (member,) = response.members
    in_net = member.benefits[2]
    assert in_net.messages == ("Telehealth visits with in-network therapists: same copay as office visits",)
    assert in_net.additional_info == (("ZZ", "02"), ("ZZ", "10"))
    (response,) = read_271(DATA / "12_dependent_family_accumulators.271")
    limit = response.members[-1].benefits[-2]
    (hsd,) = limit.deliveries
    assert (hsd.quantity_qualifier, hsd.quantity, hsd.period) == ("VS", Decimal(30), "23")
    (response,) = read_271(DATA / "04_carve_out.271")
    (carve,) = response.members[0].benefits[-1].related
    assert carve.entity.display_name == "MINDWELL BEHAVIORAL HEALTH" and carve.phone == "8005550177"
    assert carve.contacts[0].numbers == (("TE", "8005550177"), ("EX", "4"))
    (response,) = read_271(DATA / "04_carve_out.271")
    assert [(d.qualifier, d.start, d.end) for d in response.members[0].dates] == [
        ("291", dt.date(2026, 1, 1), dt.date(2026, 12, 31))]


def test_batch_response_keeps_each_trace():
    (response,) = read_271(DATA / "14_batch_two_subscribers.271")
    first, second = response.members
    assert [t.number for t in first.traces] == ["B0114-1"]
    assert [t.number for t in second.traces] == ["B0114-2"]
    assert first.benefits and not second.benefits
    assert [(r.loop, r.reason) for r in second.rejections] == [("2100C", "73")]


def test_benefit_defaults_are_empty():
    assert Benefit("1").service_types == () and Benefit("1").amount is None


def _edit(name: str, old: str, new: str) -> bytes:
    """A crafted file with one edit; SE01 recounted so only the edit is wrong."""
    text = (DATA / name).read_text()
    assert old in text, old
    segments = [s.strip() for s in text.replace(old, new, 1).split("~") if s.strip()]
    st = next(i for i, s in enumerate(segments) if s.startswith("ST*"))
    se = next(i for i, s in enumerate(segments) if s.startswith("SE*"))
    segments[se] = f"SE*{se - st + 1}*{segments[se].split('*')[2]}"
    return ("~\n".join(segments) + "~\n").encode()


@pytest.mark.parametrize(("data", "number", "seg_id", "element", "expected"), [
    (_edit("02_mh_a6_a8_loops.271", "EB*B*IND*A6", "EB*Z*IND*A6"), 18, "EB", "EB01", "benefit information"),
    (_edit("02_mh_a6_a8_loops.271", "27*20*****Y", "27*20.001*****Y"), 18, "EB", "EB07", "two decimals"),
    (_edit("02_mh_a6_a8_loops.271", "27*20*****Y", "27*20****Q*Y"), 18, "EB", "EB11", "Y, N or U"),
    (_edit("02_mh_a6_a8_loops.271", "DTP*347*D8*20261231", "DTP*347*D8*20261331"),
     14, "DTP", "DTP03", "CCYYMMDD"),
    (_edit("04_carve_out.271", "RD8*20260101-20261231", "RD8*20261231-20260101"),
     13, "DTP", "DTP03", "range"),
    (_edit("04_carve_out.271", "LE*2120~\n", ""), 21, "SE", None, "LE*2120"),
    (_edit("04_carve_out.271", "LS*2120~", "LS*2110~"), 18, "LS", "LS01", "2120"),
    (_edit("04_carve_out.271", "LE*2120~", "LE*2120~\nMSG*LATE~"), 22, "MSG", None, "2110C after LE*2120"),
    (_edit("04_carve_out.271", "LS*2120~", "LS*2120~\nPER*IC**TE*8005550100~"), 19, "PER", None,
     "before the NM1 that opens loop 2120C"),
    (_edit("08_aaa_72_member_id.271", "AAA*Y**72*C", "AAA*Q**72*C"), 12, "AAA", "AAA01", "Y or N"),
    (_edit("08_aaa_72_member_id.271", "AAA*Y**72*C", "AAA*Y***C"), 12, "AAA", "AAA03", "reject reason"),
    (_edit("09_aaa_75_not_found.271", "HL*3*2*22*0", "HL*3*1*22*0"), 9, "HL", "HL02", "level-21"),
    (_edit("09_aaa_75_not_found.271", "HL*3*2*22*0", "HL*3*2*24*0"), 9, "HL", "HL03", "20, 21, 22 or 23"),
    (_edit("09_aaa_75_not_found.271", "NM1*IL*1*OBRIEN*SEAN****MI*LHP99999999~\n", ""), 11, "AAA", None,
     "a segment of loop 2000C"),
    (_edit("07_inactive_coverage.271", "MSG*COVERAGE", "CLM*COVERAGE"), 16, "CLM", None, "loop 2110C"),
    (_edit("07_inactive_coverage.271", "BHT*0022*11", "BHT*0022*13"), 4, "BHT", "BHT02", "11 (response)"),
    (_edit("07_inactive_coverage.271", "DMG*D8*19950817*F", "DMG*D8*19950817*X"), 12, "DMG", "DMG03", "F, M"),
    (_edit("13_other_payer_medicare_primary.271", "PER*IC**TE", "PER*IC**ZZ"),
     17, "PER", "PER03", "qualifier"),
])
def test_broken_271_fails_at_the_right_place(data, number, seg_id, element, expected):
    with pytest.raises(X12ValueError) as info:
        read_271(data, file_name="bad.271")
    err = info.value
    assert (err.file, err.segment_number, err.segment_id, err.element) == ("bad.271", number, seg_id, element)
    assert expected in str(err)


def test_subscriber_loop_without_its_name_fails():
    data = _edit("14_batch_two_subscribers.271", "NM1*IL*1*YOUNG*PRIYA****MI*LHP20304050~\n", "")
    data = data.replace(b"DMG*D8*19930214*F~\n", b"").replace(b"EB*1*IND*MH*HM*LAKESIDE HMO~\n", b"")
    data = data.replace(b"EB*B*IND*MH*HM**27*10*****Y~\n", b"").replace(b"SE*16*", b"SE*13*")
    with pytest.raises(X12ValueError) as info:
        read_271(data, file_name="bad.271")
    assert (info.value.segment_id, info.value.expected) == ("HL", "NM1 (loop 2100C)")


def test_other_transaction_sets_are_refused_at_st01():
    with pytest.raises(X12ValueError) as info:
        read_271(CORPUS.parent / "270" / "lfh__subscriber-health-benefit-check.270")
    assert (info.value.segment_id, info.value.element) == ("ST", "ST01")


def test_date_errors_do_not_echo_the_date():
    with pytest.raises(X12ValueError) as info:
        read_271(_edit("07_inactive_coverage.271", "DMG*D8*19950817", "DMG*D8*19951317"))
    assert info.value.element == "DMG02" and "1995" not in str(info.value)


def test_errors_do_not_echo_member_ids():
    data = _edit("08_aaa_72_member_id.271", "MI*XHB000000000~", "MI*XHB000000000~\nXYZ*1~")
    with pytest.raises(X12Error) as info:
        read_271(data)
    assert "XHB000000000" not in str(info.value)
