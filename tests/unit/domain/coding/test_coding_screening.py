"""96127 per distinct instrument, capped by the payer (reference §1.6)."""

from __future__ import annotations

from tests.unit.domain.coding.build import code, lines, profile, rules, warning_rules


def test_one_unit_per_instrument():
    assert lines(code("screening", instruments=("PHQ-9", "GAD-7"))) == [("96127", 2)]


def test_duplicate_instruments_count_once():
    assert lines(code("screening", instruments=("PHQ-9", "phq-9 ", "GAD-7"))) == [("96127", 2)]


def test_cap_with_a_warning():
    result = code("screening", instruments=("A", "B", "C", "D", "E"), payer=profile(screening_max_units=4))
    assert lines(result) == [("96127", 4)]
    assert "SCR-UNITS" in warning_rules(result)


def test_at_the_cap_no_warning():
    result = code("screening", instruments=("A", "B", "C", "D"), payer=profile(screening_max_units=4))
    assert lines(result) == [("96127", 4)]
    assert "SCR-UNITS" not in warning_rules(result)


def test_no_instrument_no_line():
    result = code("screening")
    assert lines(result) == [] and "SCR-UNITS" in rules(result)
