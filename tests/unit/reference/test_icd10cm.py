"""ICD-10-CM validity through simple-icd-10-cm (reference doc §7.3, §7.4)."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.reference._files import read_csv_rows
from bhbilling.reference.icd10cm import (
    code_set_caveat,
    diagnosis_problem,
    is_z_code,
    normalize,
)

IN_WINDOW = dt.date(2026, 5, 1)


@pytest.mark.parametrize("code", ["F41.1", "F411", " f41.1 ", "F32.A", "Z63.0", "F43.10",
                                  "F50.010", "F17.210", "X99.9XXA", "F99", "Z66"])
def test_billable_codes_have_no_problem(code):
    assert diagnosis_problem(code, IN_WINDOW) is None


@pytest.mark.parametrize(("code", "kind"), [("F41", "category"), ("F43.1", "subcategory"),
                                            ("F50.0", "subcategory"), ("F32", "category")])
def test_headers_are_refused_with_examples(code, kind):
    problem = diagnosis_problem(code, IN_WINDOW)
    assert problem.startswith(f"{code} is a {kind} header, not a billable code")
    assert "pick a more specific code" in problem
    assert f"({code}" in problem  # names children such as F41.0


def test_unknown_code_is_named():
    assert diagnosis_problem("U99.9", IN_WINDOW) == (
        "U99.9 is not an ICD-10-CM code in the ICD-10-CM FY2026 (April 1, 2026 update) code set"
    )


@pytest.mark.parametrize("code", ["12", "F01-F09", "", "FF1.1", "F41.12345"])
def test_malformed_codes_are_refused(code):
    assert "is not an ICD-10-CM code (expected a letter" in diagnosis_problem(code, IN_WINDOW)


def test_window_edges_have_no_caveat():
    assert code_set_caveat(dt.date(2026, 4, 1)) is None
    assert code_set_caveat(dt.date(2026, 9, 30)) is None
    assert "2026-10-01" in code_set_caveat(dt.date(2026, 10, 1))
    assert "2026-03-31" in code_set_caveat(dt.date(2026, 3, 31))


def test_valid_code_outside_the_window_still_passes():
    assert diagnosis_problem("F41.1", dt.date(2025, 6, 1)) is None


def test_rejection_outside_the_window_says_which_code_set_was_used():
    problem = diagnosis_problem("F50.0", dt.date(2024, 6, 1))  # billable before FY2025
    assert problem.startswith("F50.0 is a subcategory header")
    assert "checked against it" in problem and "2024-06-01" in problem


def test_dates_before_icd10_are_refused():
    assert "ICD-9-CM" in diagnosis_problem("F41.1", dt.date(2015, 9, 30))
    assert diagnosis_problem("F41.1", dt.date(2015, 10, 1)) is None


def test_normalize_and_z_codes():
    assert normalize(" f411 ") == "F41.1"
    assert normalize("F41") == "F41"
    assert normalize("z63.0") == "Z63.0"
    assert is_z_code("z630") and not is_z_code("F41.1")


def test_shipped_f_z_csv_agrees_with_simple_icd_10_cm():
    rows = read_csv_rows("icd10cm_fy2026apr_F_Z_codes.csv")
    assert len(rows) == 2956
    disagree = [r["code_dotted"] for r in rows
                if (diagnosis_problem(r["code_dotted"], IN_WINDOW) is None) != (r["billable"] == "Y")]
    assert disagree == []
