"""Diagnostic evaluation 90791/90792 (reference §1.1)."""

from __future__ import annotations

import pytest

from tests.unit.domain.coding.build import code, lines, profile, rules, warning_rules


def test_90791_for_any_clinician():
    result = code("intake_evaluation", credential="LPC")
    assert lines(result) == [("90791", 1)]
    assert "EVAL-CODE" in rules(result)


@pytest.mark.parametrize("credential", ["MD", "DO", "PMHNP", "NP", "CNS", "PA"])
def test_90792_for_prescribers(credential):
    result = code("intake_evaluation_medical", credential=credential)
    assert lines(result) == [("90792", 1)]
    assert "EVAL-PRESCRIBER" not in rules(result)


@pytest.mark.parametrize("credential", ["PSYD", "PHD", "LCSW", "LMFT"])
def test_90792_by_a_non_prescriber_is_proposed_as_90791(credential):
    result = code("intake_evaluation_medical", credential=credential)
    assert lines(result) == [("90791", 1)]
    assert "EVAL-PRESCRIBER" in warning_rules(result)


def test_payer_list_overrides_who_may_bill_90792():
    payer = profile(allowed_credentials={"90792": frozenset({"MD"})})
    assert lines(code("intake_evaluation_medical", credential="NP", payer=payer)) == [("90791", 1)]
