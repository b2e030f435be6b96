"""Crisis psychotherapy by total minutes; Medicare G0017/G0018 away from the office (§1.4)."""

from __future__ import annotations

import pytest

from tests.unit.domain.coding.build import code, lines, profile, rules, warning_texts

MEDICARE_LIKE = profile(crisis_g_codes_outside_office=True, telehealth={"video_modifiers": ()})


@pytest.mark.parametrize(("minutes", "expected"), [
    (15, []), (16, [("90832", 1)]), (29, [("90832", 1)]), (30, [("90839", 1)]), (74, [("90839", 1)]),
    (75, [("90839", 1), ("90840", 1)]), (104, [("90839", 1), ("90840", 1)]),
    (105, [("90839", 1), ("90840", 2)]), (134, [("90839", 1), ("90840", 2)]),
    (135, [("90839", 1), ("90840", 3)]),
])
def test_crisis_time_table(minutes, expected):
    result = code("crisis", m_crisis=minutes)
    assert lines(result) == expected
    assert "CRISIS-TIME" in rules(result)


def test_under_30_with_an_em_uses_the_add_on():
    result = code("crisis", credential="MD", em_code="99214", m_crisis=25)
    assert lines(result) == [("99214", 1), ("90833", 1)]


def test_near_boundary_warning_states_what_the_next_unit_needs():
    assert warning_texts(code("crisis", m_crisis=74), "CRISIS-TIME") == [
        "crisis documented at 74 minutes supports 90839; 90840 x1 needs 75"]


@pytest.mark.parametrize(("kw", "expected", "pos"), [
    ({"location_pos": "12"}, [("G0017", 1), ("G0018", 1)], "12"),
    ({"modality": "video", "patient_location": "home"}, [("G0017", 1), ("G0018", 1)], "10"),
    ({"location_pos": "11"}, [("90839", 1), ("90840", 1)], "11"),
    ({"modality": "video", "patient_location": "other"}, [("90839", 1), ("90840", 1)], "02"),
    ({"location_pos": "53"}, [("90839", 1), ("90840", 1)], "53"),
])
def test_medicare_g_codes_only_at_non_office_non_facility_places(kw, expected, pos):
    result = code("crisis", m_crisis=90, payer=MEDICARE_LIKE, **kw)
    assert lines(result) == expected
    assert {line.place_of_service for line in result.lines} == {pos}
    assert ("CRISIS-G-CODE" in rules(result)) == (expected[0][0] == "G0017")


def test_no_g_codes_when_the_payer_does_not_use_them():
    assert lines(code("crisis", m_crisis=60, location_pos="12")) == [("90839", 1)]


def test_under_30_at_home_is_psychotherapy_not_a_g_code():
    assert lines(code("crisis", m_crisis=29, location_pos="12", payer=MEDICARE_LIKE)) == [("90832", 1)]
