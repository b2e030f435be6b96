"""Engine-level rules: status, unsigned notes, result shape, labels (issue 3)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding.engine import RULES
from bhbilling.domain.coding.labels import CODE_LABELS, label
from bhbilling.domain.parties import ServiceType
from tests.unit.domain.coding.build import NPI, code, lines, rules, warning_texts


@pytest.mark.parametrize("status", ["no_show", "cancelled", "scheduled"])
def test_not_completed_bills_nothing(status):
    result = code(m_psychotherapy=45, status=status)
    assert lines(result) == [] and not result.billable
    assert "NOT-COMPLETED" in rules(result)


def test_unsigned_note_is_coded_but_held():
    result = code(m_psychotherapy=45, note_signed=False)
    assert lines(result) == [("90834", 1)]
    assert warning_texts(result, "NOTE-UNSIGNED") == ["note not signed; hold before submission"]


def test_lines_carry_rendering_npi_and_session_id():
    result = code(m_psychotherapy=45)
    assert result.session_id == "t1"
    assert result.lines[0].rendering_npi == NPI
    assert result.lines[0].billing_npi_override is None


def test_every_note_has_a_rule_id_and_a_reference():
    result = code("em_with_psychotherapy", credential="MD", em_code="99214", m_psychotherapy=52,
                  modality="video", patient_location="home", diagnoses=("Z63.0", "F43.23"))
    notes = (*result.reasons, *result.warnings)
    assert notes and all(n.rule and n.reference for n in notes)


def test_unsupported_service_type_says_so():
    result = code("health_behavior", m_psychotherapy=30)
    assert lines(result) == [] and "SVC-UNSUPPORTED" in rules(result)


def test_every_service_type_is_routed_or_reported():
    routed = set(RULES) | {"health_behavior", "collaborative_care"}
    assert {st.value for st in ServiceType} == routed


def test_labels_are_short_paraphrases():
    assert label("90837") == "90837 (psychotherapy, 60 min)"
    assert label("X9999") == "X9999"
    assert all(len(text) <= 80 for text in CODE_LABELS.values())
