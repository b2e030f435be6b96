"""Testing evaluation hours and administration half-hours (reference §1.7)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding.testing import half_hour_units, hour_units
from tests.unit.domain.coding.build import code, lines, profile, rules, warning_rules


@pytest.mark.parametrize(("minutes", "n"), [(30, 0), (31, 1), (90, 1), (91, 2), (150, 2), (151, 3)])
def test_hour_units(minutes, n):
    assert hour_units(minutes) == n


@pytest.mark.parametrize(("minutes", "n"), [(15, 0), (16, 1), (45, 1), (46, 2), (75, 2), (76, 3)])
def test_half_hour_units(minutes, n):
    assert half_hour_units(minutes) == n


def test_evaluation_and_administration_are_separate_lines():
    result = code("psychological_testing", credential="PSYD", m_evaluation=120, m_testing=120)
    assert lines(result) == [("96130", 1), ("96131", 1), ("96136", 1), ("96137", 3)]
    assert "TEST-UNITS" in rules(result)


def test_neuropsychological_evaluation_codes():
    assert lines(code("neuropsychological_testing", credential="PHD", m_evaluation=100)) == [
        ("96132", 1), ("96133", 1)]


def test_under_the_first_unit_is_a_warning():
    result = code("psychological_testing", credential="PSYD", m_evaluation=30)
    assert lines(result) == [] and "TEST-UNITS" in warning_rules(result)


def test_a_social_worker_may_not_bill_testing_by_default():
    result = code("psychological_testing", credential="LCSW", m_evaluation=60, m_testing=60)
    assert lines(result) == []
    assert "CRED-NOT-ALLOWED" in warning_rules(result)


def test_payer_list_widens_testing_to_nps():
    payer = profile(allowed_credentials={"96130": frozenset({"NP"}), "96131": frozenset({"NP"})})
    assert lines(code("psychological_testing", credential="NP", m_evaluation=91, payer=payer)) == [
        ("96130", 1), ("96131", 1)]
