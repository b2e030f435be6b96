"""Diagnoses: pointers, claim limit, Z-code primary, validity hook (§7.3, §7.4, §8.3)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding import diagnoses as dx
from tests.unit.domain.coding.build import DOS, code, profile, rules, warning_rules


def test_pointers_primary_first_at_most_four():
    result = code(m_psychotherapy=45, diagnoses=("F33.1", "F41.1", "F43.10", "F90.0", "F17.210", "Z63.0"))
    assert result.lines[0].diagnosis_pointers == (1, 2, 3, 4)
    assert len(result.diagnoses) == 6
    assert "DX-POINTER" in warning_rules(result)


def test_two_diagnoses_two_pointers():
    result = code(m_psychotherapy=45, diagnoses=("F33.1", "F41.1"))
    assert result.lines[0].diagnosis_pointers == (1, 2)
    assert "DX-POINTER" in rules(result) and "DX-POINTER" not in warning_rules(result)


def test_at_most_twelve_on_the_claim():
    codes = ("F32.0", "F32.1", "F32.2", "F33.0", "F33.1", "F41.0", "F41.1", "F43.10",
             "F43.20", "F43.21", "F43.22", "F43.23", "F90.0", "F90.1")  # all billable
    result = code(m_psychotherapy=45, diagnoses=codes)
    assert result.diagnoses == codes[:12]


def test_z_code_primary_warned_when_the_payer_denies_it():
    strict = profile(z_code_primary_allowed=False)
    denied = code(m_psychotherapy=45, diagnoses=("Z63.0", "F43.23"), payer=strict)
    assert "DX-ZCODE-PRIMARY" in warning_rules(denied) and denied.lines
    allowed = code(m_psychotherapy=45, diagnoses=("Z63.0",))
    assert "DX-ZCODE-PRIMARY" not in rules(allowed)
    secondary = code(m_psychotherapy=45, diagnoses=("F43.23", "Z63.0"), payer=strict)
    assert "DX-ZCODE-PRIMARY" not in rules(secondary)


def test_format_check_drops_malformed_codes():
    result = code(m_psychotherapy=45, diagnoses=("F33.1", "33.1", "f41.1"))
    assert result.diagnoses == ("F33.1", "F41.1")
    assert "DX-INVALID" in warning_rules(result)


def test_no_diagnosis_means_no_pointers_and_a_warning():
    result = code(m_psychotherapy=45, diagnoses=())
    assert result.lines[0].diagnosis_pointers == ()
    assert "DX-POINTER" in warning_rules(result)


@pytest.fixture
def strict_check():
    seen = []

    def check(code_, day):
        seen.append((code_, day))
        return "not billable on the date of service" if code_ == "F43.1" else None

    dx.register_diagnosis_check(check)
    yield seen
    dx.register_diagnosis_check(None)


def test_registered_check_is_used_with_the_date_of_service(strict_check):
    result = code(m_psychotherapy=45, diagnoses=("F43.1", "F43.10"))
    assert result.diagnoses == ("F43.10",)
    assert ("F43.1", DOS) in strict_check
    assert any("not billable" in n.text for n in result.warnings if n.rule == "DX-INVALID")
