"""Kernel ring: the exception tree and located findings."""

import dataclasses

import pytest

from bhbilling.kernel.errors import (
    BhBillingError,
    ImportRejected,
    InvalidIdentifier,
    InvalidMoney,
    TenantScopeError,
    UnbalancedEntry,
)
from bhbilling.kernel.findings import Finding


@pytest.mark.parametrize(
    "error", [InvalidIdentifier, InvalidMoney, UnbalancedEntry, TenantScopeError, ImportRejected]
)
def test_every_error_is_a_bhbilling_error(error):
    assert issubclass(error, BhBillingError)


def test_value_errors():
    assert issubclass(InvalidIdentifier, ValueError)
    assert issubclass(InvalidMoney, ValueError)
    assert not issubclass(UnbalancedEntry, ValueError)


def test_import_rejected_carries_findings():
    findings = [
        Finding("CSV-DATE", "expected a date YYYY-MM-DD, got '13/45/1990'",
                file="patients.csv", row=7, field="date_of_birth"),
        Finding("CSV-NPI", "check digit wrong", file="patients.csv", row=9, field="npi"),
    ]
    error = ImportRejected("patients.csv was not imported", findings)
    assert error.findings == findings
    text = str(error)
    assert text.startswith("patients.csv was not imported (2 finding(s))")
    assert "patients.csv row 7, field date_of_birth" in text
    assert str(ImportRejected("empty file")) == "empty file"
    assert ImportRejected("empty file").findings == []


def test_unbalanced_entry_keeps_difference():
    error = UnbalancedEntry("off by a cent", difference="0.01")
    assert error.difference == "0.01"


def test_finding_renders_location_first():
    finding = Finding(
        "CSV-DATE",
        "expected a date YYYY-MM-DD, got '13/45/1990'",
        "error",
        file="patients.csv",
        row=7,
        field="date_of_birth",
    )
    assert str(finding) == (
        "patients.csv row 7, field date_of_birth: expected a date YYYY-MM-DD, got '13/45/1990'"
    )


def test_finding_appends_expected_when_message_lacks_it():
    finding = Finding("X12-CLM05", "frequency code '9' not allowed", "error",
                      file="batch.837", segment=14, field="CLM05-3", expected="1, 7 or 8")
    assert str(finding) == (
        "batch.837, segment 14, field CLM05-3: frequency code '9' not allowed "
        "(expected 1, 7 or 8)"
    )


def test_finding_without_location_and_row_without_file():
    assert str(Finding("R1", "something off", "warning")) == "something off"
    assert str(Finding("R1", "bad", row=3)) == "row 3: bad"


def test_finding_is_frozen_and_checks_severity():
    finding = Finding("R1", "bad")
    assert finding.severity == "error"
    assert finding.is_error
    assert not Finding("R1", "meh", "warning").is_error
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "R2"
    with pytest.raises(ValueError, match="'error' or 'warning'"):
        Finding("R1", "bad", "fatal")
