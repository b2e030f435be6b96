"""Family 90846/90847 (26-minute floor) and group 90853 (per patient) (reference §1.5)."""

from __future__ import annotations

import pytest

from tests.unit.domain.coding.build import code, lines, rules, warning_texts


@pytest.mark.parametrize(("service", "code_"), [("family_with_patient", "90847"),
                                                ("family_without_patient", "90846")])
@pytest.mark.parametrize(("minutes", "billed"), [(25, False), (26, True), (50, True), (90, True)])
def test_family_floor(service, code_, minutes, billed):
    result = code(service, credential="LMFT", m_family=minutes)
    assert lines(result) == ([(code_, 1)] if billed else [])
    assert "FAM-TIME" in rules(result)


def test_family_under_floor_warning_states_the_fact():
    assert warning_texts(code("family_with_patient", m_family=25), "FAM-TIME") == [
        "family psychotherapy documented at 25 minutes is not billable; 90847 needs 26"]


@pytest.mark.parametrize("minutes", [30, 90, 180])
def test_group_is_one_unit_per_patient_whatever_the_minutes(minutes):
    result = code("group", m_group=minutes, group_size=8)
    assert lines(result) == [("90853", 1)]
    assert any("group of 8" in n.text for n in result.reasons if n.rule == "GRP-UNIT")
