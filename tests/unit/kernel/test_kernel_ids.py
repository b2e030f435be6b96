"""Kernel ring: NPI check digit (CMS vectors) and TIN/EIN checks."""

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bhbilling.kernel.errors import BhBillingError, InvalidIdentifier
from bhbilling.kernel.ids import (
    INVALID_EIN_PREFIXES,
    format_ein,
    is_valid_npi,
    is_valid_tin,
    normalize_tin,
    npi_check_digit,
    validate_npi,
)

VECTORS_FILE = Path(__file__).parent / "data" / "npi_check_digit_test_vectors.csv"
with VECTORS_FILE.open(encoding="utf-8", newline="") as handle:
    VECTORS = list(csv.DictReader(handle))
VALID = [row for row in VECTORS if row["valid"] == "Y"]
INVALID = [row for row in VECTORS if row["valid"] == "N"]


def test_vector_file_has_both_kinds():
    assert len(VECTORS) == 21
    assert len(VALID) == 9
    assert len(INVALID) == 12


@pytest.mark.parametrize("row", VALID, ids=[row["npi"] for row in VALID])
def test_valid_npi_vectors(row):
    npi = row["npi"]
    assert is_valid_npi(npi)
    assert validate_npi(npi) == npi
    assert npi_check_digit(npi[:9]) == int(npi[9])
    assert row["with_80840_prefix"] == "80840" + npi


@pytest.mark.parametrize("row", INVALID, ids=[row["npi"] for row in INVALID])
def test_invalid_npi_vectors(row):
    assert not is_valid_npi(row["npi"])
    with pytest.raises(InvalidIdentifier):
        validate_npi(row["npi"])


def test_cms_worked_example():
    assert npi_check_digit("123456789") == 3


def test_validate_npi_messages_say_what_is_wrong():
    with pytest.raises(InvalidIdentifier, match="check digit: expected 3, got 0"):
        validate_npi("1234567890")
    with pytest.raises(InvalidIdentifier, match="exactly 10 digits, got 9"):
        validate_npi("123456789")
    with pytest.raises(InvalidIdentifier, match="exactly 10 digits, got 11"):
        validate_npi("12345678931")
    with pytest.raises(InvalidIdentifier, match="only digits"):
        validate_npi("A234567893")
    with pytest.raises(InvalidIdentifier, match="must be a string"):
        validate_npi(1234567893)


def test_invalid_identifier_is_value_error_and_project_error():
    assert issubclass(InvalidIdentifier, ValueError)
    assert issubclass(InvalidIdentifier, BhBillingError)


def test_validate_npi_strips_surrounding_spaces_only():
    assert validate_npi(" 1234567893 ") == "1234567893"
    assert not is_valid_npi("12345 67893")
    assert not is_valid_npi("\uff11" * 10)  # full-width digits are not ASCII digits
    assert not is_valid_npi(1234567893)
    assert not is_valid_npi(None)


@pytest.mark.parametrize("base", ["12345678", "1234567890", "12345678A", "", None])
def test_npi_check_digit_needs_nine_digits(base):
    with pytest.raises(InvalidIdentifier, match="exactly 9 digits"):
        npi_check_digit(base)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_is_valid(base):
    valid = [d for d in range(10) if is_valid_npi(f"{base}{d}")]
    assert valid == [npi_check_digit(base)]


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_check_digit_equals_luhn_over_prefixed_number(base):
    full = "80840" + base + str(npi_check_digit(base))
    total = 0
    for index, char in enumerate(reversed(full)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    assert total % 10 == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12-3456789", "123456789"), ("123456789", "123456789"), (" 98-7654321 ", "987654321")],
)
def test_normalize_tin(raw, expected):
    assert normalize_tin(raw) == expected
    assert is_valid_tin(raw)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("000000000", "all zeros"),
        ("00-0000000", "all zeros"),
        ("12345678", "9 digits"),
        ("1234567890", "9 digits"),
        ("123-45-6789", "9 digits"),
        ("12 3456789", "9 digits"),
        ("AB-3456789", "9 digits"),
        ("", "9 digits"),
    ],
)
def test_normalize_tin_rejects(raw, message):
    with pytest.raises(InvalidIdentifier, match=message):
        normalize_tin(raw)
    assert not is_valid_tin(raw)


@pytest.mark.parametrize("prefix", sorted(INVALID_EIN_PREFIXES))
def test_never_assigned_ein_prefixes_are_rejected(prefix):
    value = f"{prefix}-1234567"
    with pytest.raises(InvalidIdentifier, match=f"prefix {prefix} was never assigned"):
        normalize_tin(value)


def test_invalid_prefix_list_is_the_irs_list():
    assert sorted(INVALID_EIN_PREFIXES) == [
        "00", "07", "08", "09", "17", "18", "19", "28", "29", "49",
        "69", "70", "78", "79", "89", "96", "97",
    ]


def test_tin_non_string():
    assert not is_valid_tin(123456789)
    with pytest.raises(InvalidIdentifier, match="must be a string"):
        normalize_tin(123456789)


def test_format_ein():
    assert format_ein("123456789") == "12-3456789"
