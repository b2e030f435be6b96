"""Domain ring: how the mental-health summary picks benefits, from facts built by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from bhbilling.domain.eligibility import (
    SUBSTANCE_USE_PREFERENCE,
    BenefitFact,
    DateRange,
    MemberFacts,
    OtherPayer,
    RejectionFact,
    RelatedParty,
    VisitLimit,
    VisitPattern,
    summarize_member,
)

ON = dt.date(2026, 3, 9)
ACTIVE_30 = BenefitFact("1", ("30",), plan="PLAN A")


def _summary(*benefits: BenefitFact, on: dt.date = ON, **kw):
    return summarize_member(MemberFacts("subscriber", benefits=benefits, **kw), on=on)


def _copay(types, amount, network="", level="IND", period="27"):
    return BenefitFact("B", types, coverage_level=level, amount=D(amount), in_network=network,
                       time_period=period)


def test_most_specific_service_type_prices_the_session():
    s = _summary(ACTIVE_30, _copay(("30",), "50"), _copay(("MH",), "30"), _copay(("A6",), "20"))
    assert (s.in_network.copay, s.source_of("in_network.copay")) == (D("20"), "A6")
    assert s.basis == "mental_health"


def test_preference_can_put_substance_use_first():
    facts = (ACTIVE_30, _copay(("MH",), "30"), _copay(("AI",), "5"))
    assert _summary(*facts).in_network.copay == D("30")
    s = summarize_member(MemberFacts("subscriber", benefits=facts), on=ON,
                         preference=SUBSTANCE_USE_PREFERENCE)
    assert s.in_network.copay == D("5")


def test_falls_back_to_30_and_says_so():
    s = _summary(ACTIVE_30, _copay(("30",), "35"))
    assert (s.basis, s.basis_service_types, s.in_network.copay) == ("health_plan", ("30",), D("35"))
    assert s.notes == ("no mental-health service type answered; every figure is from 30 "
                       "(health benefit plan coverage)",)


def test_a_loop_without_service_type_speaks_for_the_plan():
    s = _summary(BenefitFact("1", plan="PLAN B"), _copay((), "15"))
    assert (s.status, s.plan_name, s.in_network.copay) == ("active", "PLAN B", D("15"))


def test_inpatient_codes_never_price_an_outpatient_session():
    s = _summary(ACTIVE_30, _copay(("A7",), "250"), _copay(("30",), "40"))
    assert (s.in_network.copay, s.source_of("in_network.copay")) == (D("40"), "30")


def test_network_sides():
    s = _summary(ACTIVE_30, _copay(("MH",), "60", "N"), _copay(("MH",), "25", ""),
                 _copay(("MH",), "20", "Y"))
    assert (s.in_network.copay, s.out_of_network.copay) == (D("20"), D("60"))
    only_out = _summary(ACTIVE_30, _copay(("MH",), "60", "N"))
    assert (only_out.in_network.copay, only_out.out_of_network.copay) == (None, D("60"))
    neutral = _summary(ACTIVE_30, _copay(("MH",), "25", "W"))
    assert (neutral.in_network.copay, neutral.out_of_network.copay) == (D("25"), D("25"))


def test_individual_accumulators_before_family():
    fam = BenefitFact("C", ("MH",), coverage_level="FAM", time_period="23", amount=D("6000"))
    ind = BenefitFact("C", ("MH",), coverage_level="IND", time_period="23", amount=D("3000"))
    fam_left = BenefitFact("C", ("MH",), coverage_level="FAM", time_period="29", amount=D("100"))
    ind_left = BenefitFact("C", ("MH",), coverage_level="IND", time_period="29", amount=D("2900"))
    s = _summary(ACTIVE_30, fam, fam_left, ind, ind_left)
    ded = s.in_network.deductible
    assert (ded.amount, ded.remaining, ded.coverage_level) == (D("3000"), D("2900"), "IND")


def test_whole_percent_is_read_as_a_percentage_with_a_note():
    s = _summary(ACTIVE_30, BenefitFact("A", ("MH",), percent=D("30")))
    assert s.in_network.coinsurance == D("0.3")
    assert s.notes[0] == "coinsurance 30 read as 30% (the 271 should send 0.3)"
    assert _summary(ACTIVE_30, BenefitFact("A", ("MH",), percent=D("1"))).in_network.coinsurance == D("1")


def test_coverage_status():
    assert _summary(ACTIVE_30).status == "active"
    assert _summary().status == "unknown"
    refused = _summary(rejections=(RejectionFact("2100C", "72", "C"),))
    assert (refused.status, refused.active, refused.rejections[0].code) == ("rejected", None, "72")
    inactive = _summary(BenefitFact("6", ("30",)))
    assert (inactive.status, inactive.active) == ("inactive", False)
    mh_off = _summary(ACTIVE_30, BenefitFact("6", ("MH",)))
    assert (mh_off.status, mh_off.source_of("coverage")) == ("inactive", "MH")


def test_dates_decide_coverage_on_the_day_asked():
    dates = (DateRange("356", dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
             DateRange("357", dt.date(2026, 3, 31), dt.date(2026, 3, 31)))
    assert _summary(ACTIVE_30, dates=dates).active is True
    late = _summary(ACTIVE_30, dates=dates, on=dt.date(2026, 4, 1))
    assert (late.status, late.active, late.coverage_end) == ("inactive", False, dt.date(2026, 3, 31))
    assert late.notes[0] == "coverage dates 2026-01-01 to 2026-03-31 do not include 2026-04-01"
    early = _summary(ACTIVE_30, dates=dates, on=dt.date(2025, 12, 31))
    assert early.active is False
    in_loop = BenefitFact("1", ("30",), dates=(DateRange("292", dt.date(2026, 1, 1), dt.date(2026, 2, 28)),))
    assert _summary(in_loop).active is False


def test_visit_limit_arithmetic():
    limit = BenefitFact("F", ("MH",), time_period="23", quantity_qualifier="VS", quantity=D(20))
    used = BenefitFact("F", ("MH",), quantity_qualifier="99", quantity=D(5))
    left = BenefitFact("F", ("MH",), time_period="29", quantity_qualifier="VS", quantity=D(11))
    assert _summary(ACTIVE_30, limit, used).visit_limit == VisitLimit(20, 5, 15, "calendar year")
    assert _summary(ACTIVE_30, used, left).visit_limit == VisitLimit(16, 5, 11, "")
    assert _summary(ACTIVE_30, limit).visit_limit == VisitLimit(20, None, None, "calendar year")
    hsd = BenefitFact("F", ("A6",), patterns=(VisitPattern("VS", D(12), period="22"),))
    assert _summary(ACTIVE_30, hsd).visit_limit == VisitLimit(12, None, None, "service year")
    assert _summary(ACTIVE_30).visit_limit is None


def test_authorization_most_specific_statement_wins():
    mh = BenefitFact("1", ("MH",), authorization_required="Y")
    a6 = BenefitFact("1", ("A6",), authorization_required="N")
    assert _summary(mh, a6).authorization_required is False
    assert _summary(mh).authorization_required is True
    assert _summary(BenefitFact("1", ("MH",), authorization_required="U")).authorization_required is None


def test_other_payers_and_primary_care_provider():
    carve = RelatedParty("X3", "HARBOR BH", "PI", "HBH1", "8005551212")
    provider = RelatedParty("1P", "DR SOMEONE", "XX", "1234567893")
    pcp = RelatedParty("P3", "ANNA LEE")
    s = _summary(ACTIVE_30, BenefitFact("U", ("A8",), related=(carve, provider)),
                 BenefitFact("R", ("30",), plan="STATE MEDICAID"), BenefitFact("L", related=(pcp,)))
    assert s.other_payers == (
        OtherPayer("HARBOR BH", "utilization management organization", "HBH1", "PI", "8005551212",
                   ("A8",), True),
        OtherPayer("STATE MEDICAID", "other or additional payor", service_types=("30",)))
    assert s.carve_out == s.other_payers[0] and s.primary_care_provider == "ANNA LEE"
    plain = _summary(ACTIVE_30, BenefitFact("B", ("30",), amount=D(10), related=(carve,)))
    assert plain.other_payers == ()  # a payer named under a non-mental-health copay is not a carve-out


def test_telehealth_and_messages():
    msgs = ("TELEMEDICINE COVERED", "Tele-health via video", "CALL FOR DETAILS", "TELEMEDICINE COVERED")
    s = _summary(ACTIVE_30, BenefitFact("B", ("MH",), amount=D(10), messages=msgs,
                                        places_of_service=("11",)))
    assert s.telehealth_notes == ("TELEMEDICINE COVERED", "Tele-health via video")
    assert s.messages == ("TELEMEDICINE COVERED", "Tele-health via video", "CALL FOR DETAILS")
    pos = _summary(ACTIVE_30, BenefitFact("1", ("30",), places_of_service=("02",)))
    assert pos.telehealth_notes == ()  # place of service on a non-mental-health loop


def test_member_identity_is_carried():
    s = summarize_member(MemberFacts("dependent", "ELI MORGAN", "X1", dt.date(2011, 8, 24), "PAYER", "P1",
                                     ("T1",), "G1", benefits=(ACTIVE_30,)), on=ON)
    assert (s.level, s.member_name, s.member_id, s.birth_date, s.payer_name, s.payer_id,
            s.trace_numbers, s.group_number, s.checked_on) == (
        "dependent", "ELI MORGAN", "X1", dt.date(2011, 8, 24), "PAYER", "P1", ("T1",), "G1", ON)
