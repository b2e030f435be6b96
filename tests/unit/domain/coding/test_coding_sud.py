"""SUD services: payer H-code rules, else CPT equivalents (reference §2, §2.1)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding import HCodeRule
from bhbilling.domain.coding.sud import timed_units
from tests.unit.domain.coding.build import code, lines, profile, rules, warning_rules

MEDICAID = profile(sud_hcodes={
    "sud_assessment": HCodeRule("H0001", modifiers=("HF",)),
    "sud_individual": HCodeRule("H0004", unit_minutes=15, max_units=6, modifiers=("HF",)),
    "sud_group": HCodeRule("H0005", modifiers=("HF",)),
})


@pytest.mark.parametrize(("minutes", "n"), [(7, 0), (8, 1), (15, 1), (22, 1), (23, 2), (60, 4)])
def test_fifteen_minute_units_by_the_midpoint(minutes, n):
    assert timed_units(minutes, 15) == n


def test_h0004_units_and_program_modifier():
    result = code("sud_individual", credential="LPC", payer=MEDICAID, m_counseling=60)
    assert lines(result) == [("H0004", 4)]
    assert result.lines[0].modifiers == ("HF",)
    assert "SUD-HCODE" in rules(result)


def test_h0004_capped_with_a_warning():
    result = code("sud_individual", credential="LPC", payer=MEDICAID, m_counseling=120)
    assert lines(result) == [("H0004", 6)]
    assert "SUD-HCODE" in warning_rules(result)


def test_h0004_under_a_unit_is_not_billable():
    result = code("sud_individual", credential="LPC", payer=MEDICAID, m_counseling=7)
    assert lines(result) == [] and "SUD-HCODE" in warning_rules(result)


@pytest.mark.parametrize(("service", "hcode"), [("sud_assessment", "H0001"), ("sud_group", "H0005")])
def test_per_encounter_codes(service, hcode):
    assert lines(code(service, credential="LPC", payer=MEDICAID, m_group=60)) == [(hcode, 1)]


@pytest.mark.parametrize(("service", "kw", "expected"), [
    ("sud_individual", {"m_counseling": 45}, [("90834", 1)]),
    ("sud_group", {"m_group": 60}, [("90853", 1)]),
    ("sud_assessment", {}, [("90791", 1)]),
    ("peer_support", {"m_counseling": 60}, []),
])
def test_cpt_equivalents_without_an_h_code_rule(service, kw, expected):
    result = code(service, **kw)
    assert lines(result) == expected
    assert "SUD-HCODE" in rules(result)


def test_intensive_outpatient_day_is_one_h0015_unit_for_medicaid():
    medicaid = profile(sud_hcodes={"sud_intensive_outpatient": HCodeRule("H0015", modifiers=("HF",))})
    result = code(service_type="sud_intensive_outpatient", m_group=180, payer=medicaid)
    assert [(ln.code, ln.units) for ln in result.lines] == [("H0015", 1)]
    assert "HF" in result.lines[0].modifiers


def test_therapeutic_behavioral_services_count_15_minute_units():
    medicaid = profile(sud_hcodes={"therapeutic_behavioral": HCodeRule("H2019", unit_minutes=15)})
    result = code(service_type="therapeutic_behavioral", m_counseling=45, payer=medicaid)
    assert [(ln.code, ln.units) for ln in result.lines] == [("H2019", 3)]
