"""Interactive complexity +90785 (reference §1.3)."""

from __future__ import annotations

import pytest

from tests.unit.domain.coding.build import code, lines, rules, warning_rules

IC = ("interpreter needed",)


@pytest.mark.parametrize(("service", "kw", "primary"), [
    ("intake_evaluation", {}, "90791"),
    ("psychotherapy", {"m_psychotherapy": 20}, "90832"),
    ("psychotherapy", {"m_psychotherapy": 60}, "90837"),
    ("group", {"m_group": 60}, "90853"),
])
def test_added_once_after_an_allowed_primary(service, kw, primary):
    result = code(service, interactive_complexity=(*IC, "play equipment"), **kw)
    assert lines(result) == [(primary, 1), ("90785", 1)]
    assert "IC-ADDON" in rules(result)


def test_with_em_only_when_a_psychotherapy_add_on_is_billed():
    with_addon = code("em_with_psychotherapy", credential="MD", em_code="99214", m_psychotherapy=40,
                      interactive_complexity=IC)
    assert lines(with_addon) == [("99214", 1), ("90836", 1), ("90785", 1)]
    alone = code("medication_management", credential="MD", em_code="99214", interactive_complexity=IC)
    assert lines(alone) == [("99214", 1)]
    assert "IC-NOT-ALLOWED" in warning_rules(alone)


@pytest.mark.parametrize(("service", "kw"), [
    ("crisis", {"m_crisis": 60}),
    ("family_with_patient", {"m_family": 50}),
    ("family_without_patient", {"m_family": 50}),
])
def test_refused_with_crisis_and_family(service, kw):
    result = code(service, interactive_complexity=IC, **kw)
    assert "90785" not in [c for c, _ in lines(result)]
    assert "IC-NOT-ALLOWED" in warning_rules(result)


def test_not_added_without_a_documented_factor():
    result = code(m_psychotherapy=45)
    assert lines(result) == [("90834", 1)]
    assert not rules(result) & {"IC-ADDON", "IC-NOT-ALLOWED"}
