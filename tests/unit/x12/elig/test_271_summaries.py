"""Crafted 271s for real payer patterns -> the expected mental-health summary, field by field.

Rings: interchange (`summarize_271`) over x12 (the reader) and domain (the rules). Each
file in data/ is hand-written after a pattern payers send; see data/SOURCES.md.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

from bhbilling.domain.eligibility import (
    SUBSTANCE_USE_PREFERENCE,
    Accumulator,
    NetworkCosts,
    OtherPayer,
    VisitLimit,
    expected_responsibility,
    summary_to_dict,
)
from bhbilling.interchange.eligibility import summarize_271

DATA = Path(__file__).resolve().parent / "data"
ON = dt.date(2026, 3, 9)
NOTHING = NetworkCosts()


def _one(name: str, on: dt.date = ON, **kw):
    (summary,) = summarize_271(DATA / name, on=on, **kw)
    return summary


def test_benefits_only_under_30():
    s = _one("01_health_plan_only.271")
    assert (s.level, s.member_name, s.member_id, s.birth_date) == (
        "subscriber", "ANA M RIVERA", "XHB123456701", dt.date(1988, 2, 14))
    assert (s.payer_name, s.payer_id, s.trace_numbers) == ("BLUE HORIZON HEALTH", "BHH01", ("T0101",))
    assert (s.status, s.active, s.plan_name, s.insurance_type) == ("active", True, "PPO GOLD 1500", "PR")
    assert (s.group_number, s.coverage_start, s.coverage_end) == ("GRP77001", dt.date(2026, 1, 1), None)
    assert (s.basis, s.basis_service_types) == ("health_plan", ("30",))
    assert s.in_network == NetworkCosts(
        copay=D("25"), coinsurance=None,
        deductible=Accumulator(D("1500"), D("1200"), "calendar year", "IND"),
        out_of_pocket=Accumulator(D("5000"), D("4650"), "calendar year", "IND"))
    assert s.out_of_network == NetworkCosts(
        copay=None, coinsurance=D("0.4"),
        deductible=Accumulator(D("3000"), D("3000"), "calendar year", "IND"), out_of_pocket=None)
    assert s.visit_limit is None and s.authorization_required is None
    assert s.other_payers == () and s.messages == () and s.rejections == ()
    assert "every figure is from 30" in s.notes[0]


def test_separate_mh_and_a6_a8_loops_most_specific_first():
    s = _one("02_mh_a6_a8_loops.271")
    assert (s.status, s.plan_name, s.coverage_start, s.coverage_end) == (
        "active", "SUMMIT HMO SELECT", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert s.in_network.copay == D("20") and s.source_of("in_network.copay") == "A6"  # not MH's 30
    assert s.in_network.coinsurance == D("0.1") and s.source_of("in_network.coinsurance") == "A8"
    assert s.in_network.deductible == Accumulator(D("250"), D("250"), "calendar year", "IND")
    assert s.source_of("in_network.deductible") == "30"
    assert s.out_of_network == NOTHING
    assert (s.basis, s.basis_service_types) == ("mental_health", ("A6", "A8", "30"))
    assert s.messages == ("OUTPATIENT PSYCHOTHERAPY OFFICE VISIT",)
    assert s.notes == ("mental-health benefits read from service type A6, A8",
                       "from 30 (health benefit plan coverage): in_network.deductible, "
                       "in_network.deductible.remaining")


def test_in_and_out_of_network():
    s = _one("03_in_and_out_of_network.271")
    assert (s.status, s.plan_name, s.group_number, s.coverage_start) == (
        "active", "NORTHSTAR CHOICE PPO", "88-2020", dt.date(2025, 7, 1))
    assert s.in_network == NetworkCosts(
        D("25"), None, Accumulator(D("500"), D("350"), "calendar year", "IND"),
        Accumulator(D("3000"), D("2800"), "calendar year", "IND"))
    assert s.out_of_network == NetworkCosts(
        None, D("0.4"), Accumulator(D("1500"), D("1500"), "calendar year", "IND"),
        Accumulator(D("6000"), None, "calendar year", "IND"))
    assert s.out_of_network.out_of_pocket.met is None and s.in_network.deductible.met is False
    assert s.basis == "mental_health" and s.source_of("coverage") == "30"
    assert expected_responsibility(s, D("150")) == D("150.00")  # all of it goes to the deductible
    assert expected_responsibility(s, D("400")) == D("375.00")  # 350 deductible + 25 copay
    assert expected_responsibility(s, D("200"), in_network=False) == D("200.00")


def test_carve_out_named_for_behavioral_health():
    s = _one("04_carve_out.271")
    assert (s.status, s.active, s.plan_name) == ("active", True, "LAKESIDE HMO")
    assert (s.coverage_start, s.coverage_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert s.carve_out == OtherPayer("MINDWELL BEHAVIORAL HEALTH", "managed care organization",
                                     "MWB01", "PI", "8005550177", ("MH", "A6", "AI"), True)
    assert s.other_payers == (s.carve_out,)
    assert s.in_network == NOTHING  # the 98 office-visit copay does not price therapy
    assert s.messages == ("BEHAVIORAL HEALTH BENEFITS ARE ADMINISTERED BY MINDWELL BEHAVIORAL HEALTH",)
    assert "carve-out" in s.notes[-1]


def test_visit_limit_with_visits_used():
    s = _one("05_visit_limit.271")
    assert s.visit_limit == VisitLimit(limit=20, used=6, remaining=14, period="service year")
    assert s.source_of("visit_limit") == "A6" and s.source_of("visit_limit.remaining") == "A6"
    assert s.in_network.copay == D("40") and s.plan_name == "PPO SILVER"
    assert s.messages == ("VISIT LIMIT COMBINED FOR ALL OUTPATIENT PSYCHOTHERAPY PROVIDERS",)


def test_deductible_met():
    s = _one("06_deductible_met.271")
    assert s.in_network.deductible == Accumulator(D("1000"), D("0"), "calendar year", "IND")
    assert s.in_network.deductible.met is True
    assert s.in_network.coinsurance == D("0.2") and s.in_network.copay is None
    assert s.in_network.out_of_pocket == Accumulator(D("4000"), D("3100"), "calendar year", "IND")
    assert expected_responsibility(s, D("150")) == D("30.00")
    assert expected_responsibility(s, D("142.17")) == D("28.43")  # 28.434 rounded to the cent


def test_inactive_coverage():
    s = _one("07_inactive_coverage.271")
    assert (s.status, s.active, s.plan_name) == ("inactive", False, "SUMMIT PPO BASIC")
    assert (s.coverage_start, s.coverage_end) == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert s.messages == ("COVERAGE TERMINATED 12/31/2025",)
    assert expected_responsibility(s, D("120")) == D("120.00")


def test_aaa_72_member_id_not_found():
    s = _one("08_aaa_72_member_id.271")
    assert (s.status, s.active, s.basis) == ("rejected", None, "none")
    (r,) = s.rejections
    assert (r.loop, r.code, r.follow_up_code, r.valid_request) == ("2100C", "72", "C", True)
    assert r.action == "member id not found: check the card"
    assert r.follow_up == "please correct and resubmit"
    assert s.in_network == NOTHING and s.out_of_network == NOTHING


def test_aaa_75_subscriber_not_found():
    s = _one("09_aaa_75_not_found.271")
    assert (s.status, s.member_name, s.birth_date) == ("rejected", "SEAN OBRIEN", None)
    (r,) = s.rejections
    assert (r.code, r.reason) == ("75", "subscriber/insured not found")
    assert r.action.startswith("subscriber not found: check member id, name and birth date")


def test_telehealth_message():
    s = _one("10_telehealth.271")
    assert s.telehealth_notes == (
        "Telehealth visits with in-network therapists: same copay as office visits",
        "OUT OF NETWORK VIRTUAL VISITS NOT COVERED",
        "mental health benefit listed for place of service 02 (telehealth other than home)",
        "mental health benefit listed for place of service 10 (telehealth in the patient's home)")
    assert s.messages == ("Telehealth visits with in-network therapists: same copay as office visits",
                          "OUT OF NETWORK VIRTUAL VISITS NOT COVERED")  # verbatim, case kept
    assert (s.in_network.copay, s.out_of_network.copay) == (D("15"), D("45"))


def test_authorization_required():
    s = _one("11_authorization_required.271")
    assert s.authorization_required is True and s.source_of("authorization_required") == "A6"
    assert s.in_network.copay == D("30") and s.plan_name == "NORTHSTAR EPO"
    assert s.messages == ("PRIOR AUTHORIZATION REQUIRED FOR PSYCHOTHERAPY AFTER THE 8TH VISIT",)


def test_dependent_with_family_and_individual_accumulators():
    s = _one("12_dependent_family_accumulators.271")
    assert (s.level, s.member_name, s.member_id, s.group_number) == (
        "dependent", "ELI MORGAN", "XHB778899001", "GRP55012")
    assert s.trace_numbers == ("T0112",)
    # individual before family; remaining = 2000 - 800 met so far (EB06 24)
    assert s.in_network.deductible == Accumulator(D("2000"), D("1200"), "calendar year", "IND")
    assert s.in_network.coinsurance == D("0.2")  # sent as 20, read as 20 %
    assert s.notes[0] == "coinsurance 20 read as 20% (the 271 should send 0.2)"
    assert s.visit_limit == VisitLimit(30, 12, 18, "calendar year")  # period from HSD05


def test_other_payer_primary():
    s = _one("13_other_payer_medicare_primary.271")
    (other,) = s.other_payers
    assert other == OtherPayer("MEDICARE PART B", "primary payer", "MCRB", "PI", "8006334227", ("30",), False)
    assert s.carve_out is None and s.plan_name == "SUMMIT MEDIGAP F" and s.insurance_type == "SP"


def test_batch_of_two_subscribers():
    found, refused = summarize_271(DATA / "14_batch_two_subscribers.271", on=ON)
    assert (found.trace_numbers, found.status, found.in_network.copay) == (("B0114-1",), "active", D("10"))
    assert (refused.trace_numbers, refused.status) == (("B0114-2",), "rejected")
    assert refused.rejections[0].action == "subscriber name does not match: check spelling against the card"


def test_medicaid_substance_use_preference():
    mh = _one("15_medicaid_sud.271")
    assert (mh.in_network.copay, mh.source_of("in_network.copay")) == (D("0"), "MH")
    assert (mh.coverage_start, mh.coverage_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    sud = _one("15_medicaid_sud.271", preference=SUBSTANCE_USE_PREFERENCE)
    assert (sud.in_network.copay, sud.source_of("in_network.copay")) == (D("3"), "AI")
    assert sud.visit_limit == VisitLimit(24, None, None, "calendar year")
    assert _one("15_medicaid_sud.271", on=dt.date(2026, 4, 1)).status == "inactive"  # RD8 ended


def test_every_summary_serialises_to_json():
    for path in sorted(DATA.glob("*.271")):
        for summary in summarize_271(path, on=ON):
            data = json.loads(json.dumps(summary_to_dict(summary)))
            assert data["checked_on"] == "2026-03-09"
            assert data["status"] == summary.status
            assert set(data["sources"]) == {name for name, _ in summary.sources}
