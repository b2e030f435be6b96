"""Code rules with the app's code-set check injected, and time and deadline details (domain ring)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.domain.coding.diagnoses import register_diagnosis_check
from bhbilling.domain.scrubbing.rules.deadlines import add_months
from tests.unit.domain.scrubbing.build import FEES, claim, ids, line, messages


@pytest.fixture
def leaf_check():
    seen = []

    def check(code, day):
        seen.append((code, day))
        return "a header, not billable" if code == "F43.1" else None

    register_diagnosis_check(check)
    yield seen
    register_diagnosis_check(None)


def test_the_registered_code_set_check_decides_validity_on_the_date(leaf_check):
    snapshot = claim(diagnoses=("F43.1", "F41.1"))
    assert messages(snapshot, "CODE-DX-001") == [
        "diagnosis F43.1: a header, not billable (date of service 2026-06-15)"]
    assert ("F41.1", dt.date(2026, 6, 15)) in leaf_check
    assert "CODE-DX-001" not in ids(claim(diagnoses=("F43.10",)))


def test_without_a_registered_check_only_the_format_is_checked():
    assert "CODE-DX-001" not in ids(claim(diagnoses=("F43.1",)))


@pytest.mark.parametrize(("code", "minutes", "fires"), [
    ("90832", 16, set()), ("90832", 37, set()), ("90832", 38, {"CODE-TIME-002"}),
    ("90834", 37, {"CODE-TIME-001"}), ("90834", 38, set()), ("90834", 52, set()),
    ("90834", 53, {"CODE-TIME-002"}),
    ("90837", 52, {"CODE-TIME-001"}), ("90837", 53, set()), ("90837", 120, set()),
])
def test_psychotherapy_time_bands(code, minutes, fires):
    found = ids(claim(lines=(line(code, minutes=minutes),))) & {"CODE-TIME-001", "CODE-TIME-002"}
    assert found == fires


@pytest.mark.parametrize(("minutes", "units", "fires"), [
    (75, 1, set()), (104, 1, set()), (105, 1, {"CODE-TIME-002"}), (105, 2, set()), (74, 1, {"CODE-TIME-001"}),
])
def test_crisis_add_on_units_follow_total_crisis_minutes(minutes, units, fires):
    lines = (line("90839", minutes=minutes), line("90840", units=units))
    found = ids(claim(lines=lines)) & {"CODE-TIME-001", "CODE-TIME-002", "CODE-TIME-003"}
    assert found == fires


def test_add_months_clamps_to_the_month_end():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_a_fee_for_the_code_with_its_modifiers_wins_over_the_base_rate():
    fees = {**FEES, "90834-95-HO": Decimal("140.00")}
    priced = line("90834", modifiers=("HO", "95"), charge=Decimal("140.00"))
    assert "CMP-FEE-001" not in ids(claim(lines=(priced,), fee_schedule=fees, modality="video",
                                          patient_at_home=True, place_of_service="10"))
    assert "CMP-FEE-001" in ids(claim(lines=(priced,), modality="video", patient_at_home=True,
                                      place_of_service="10"))
