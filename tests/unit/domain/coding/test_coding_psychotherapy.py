"""Psychotherapy time rule and E/M with add-ons (reference §1.2, §1.10)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding.psychotherapy import band
from tests.unit.domain.coding.build import code, lines, rules, warning_rules, warning_texts


@pytest.mark.parametrize(("minutes", "expected"), [
    (0, []), (15, []), (16, [("90832", 1)]), (37, [("90832", 1)]), (38, [("90834", 1)]),
    (52, [("90834", 1)]), (53, [("90837", 1)]), (75, [("90837", 1)]), (180, [("90837", 1)]),
])
def test_standalone_time_bands(minutes, expected):
    assert lines(code(m_psychotherapy=minutes)) == expected


def test_under_16_is_a_warning_with_the_fact():
    result = code(m_psychotherapy=15)
    assert warning_texts(result, "PSY-TIME") == ["psychotherapy documented at 15 minutes; 90832 needs 16"]


def test_near_boundary_warning_states_facts_only():
    result = code(m_psychotherapy=52)
    assert warning_texts(result, "PSY-TIME") == ["psychotherapy documented at 52 minutes supports 90834; "
                                                 "90837 needs 53"]
    assert not any("add" in n.text.lower() for n in result.warnings)


def test_no_near_boundary_warning_far_from_the_next_band():
    assert "PSY-TIME" not in warning_rules(code(m_psychotherapy=45))


def test_every_reason_cites_the_reference():
    result = code(m_psychotherapy=45)
    assert [n.reference for n in result.reasons if n.rule == "PSY-TIME"] == ["BH reference §1.2"]


@pytest.mark.parametrize(("minutes", "addon"), [(16, "90833"), (37, "90833"), (38, "90836"),
                                                 (52, "90836"), (53, "90838")])
def test_em_add_on_bands(minutes, addon):
    result = code("em_with_psychotherapy", credential="MD", em_code="99214", m_psychotherapy=minutes)
    assert lines(result) == [("99214", 1), (addon, 1)]
    assert {"EM-LEVEL-MDM", "PSY-ADDON"} <= rules(result)


def test_em_with_15_psychotherapy_minutes_has_no_add_on():
    result = code("em_with_psychotherapy", credential="MD", em_code="99214", m_psychotherapy=15)
    assert lines(result) == [("99214", 1)]
    assert "PSY-ADDON" in warning_rules(result)


def test_em_time_never_counts_toward_the_add_on():
    result = code("em_with_psychotherapy", credential="MD", em_code="99214", m_psychotherapy=30, m_em=25)
    assert lines(result) == [("99214", 1), ("90833", 1)]


@pytest.mark.parametrize(("em_minutes", "new", "expected"), [
    (9, False, []), (10, False, [("99212", 1)]), (19, False, [("99212", 1)]), (20, False, [("99213", 1)]),
    (29, False, [("99213", 1)]), (30, False, [("99214", 1)]), (40, False, [("99215", 1)]),
    (14, True, []), (15, True, [("99202", 1)]), (30, True, [("99203", 1)]), (45, True, [("99204", 1)]),
    (59, True, [("99204", 1)]), (60, True, [("99205", 1)]),
])
def test_em_level_by_time(em_minutes, new, expected):
    result = code("medication_management", credential="PMHNP", m_em=em_minutes, new_patient=new)
    assert lines(result) == expected
    assert "EM-LEVEL-TIME" in rules(result)


def test_mdm_level_wins_over_time_and_says_so():
    result = code("medication_management", credential="MD", em_code="99215", m_em=12)
    assert lines(result) == [("99215", 1)]
    assert "EM-LEVEL-MDM" in rules(result) and "EM-LEVEL-TIME" not in rules(result)


def test_unknown_em_code_falls_back_to_time():
    result = code("medication_management", credential="MD", em_code="99499", m_em=30)
    assert lines(result) == [("99214", 1)]
    assert "EM-LEVEL-MDM" in warning_rules(result)


def test_non_prescriber_keeps_the_psychotherapy_as_standalone():
    result = code("em_with_psychotherapy", credential="LCSW", em_code="99214", m_psychotherapy=45)
    assert lines(result) == [("90834", 1)]
    assert "CRED-NOT-ALLOWED" in warning_rules(result)


def test_no_em_level_codes_the_psychotherapy_standalone():
    result = code("em_with_psychotherapy", credential="MD", m_em=5, m_psychotherapy=40)
    assert lines(result) == [("90834", 1)]


def test_only_one_psychotherapy_code_per_session():
    result = code("em_with_psychotherapy", credential="MD", em_code="99213", m_psychotherapy=120)
    codes = [c for c, _ in lines(result)]
    assert codes == ["99213", "90838"]


def test_band_helper():
    assert (band(15, False), band(16, True), band(53, False)) == (None, "90833", "90837")
