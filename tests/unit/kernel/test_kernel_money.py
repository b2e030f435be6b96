"""Kernel ring: money parsing, rounding, cents and allocation (no Django, no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bhbilling.kernel.errors import BhBillingError, InvalidMoney
from bhbilling.kernel.money import (
    ZERO,
    allocate,
    format_usd,
    from_cents,
    quantize_cents,
    to_cents,
    to_money,
)

D = Decimal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.50", D("12.50")),
        ("12.5", D("12.50")),
        ("$1,234.56", D("1234.56")),
        ("  $ 7 ", D("7.00")),
        ("-$5", D("-5.00")),
        ("$-5.00", D("-5.00")),
        (".75", D("0.75")),
        ("12.500", D("12.50")),
        ("1,000,000.00", D("1000000.00")),
        (3, D("3.00")),
        (-2, D("-2.00")),
        (D("0.1"), D("0.10")),
        (D("12.340"), D("12.34")),
        (D("1E+2"), D("100.00")),
        (D("-0"), D("0.00")),
    ],
)
def test_to_money_accepts(raw, expected):
    result = to_money(raw)
    assert result == expected
    assert result.as_tuple().exponent == -2


def test_to_money_normalises_negative_zero():
    assert str(to_money(D("-0.00"))) == "0.00"


@pytest.mark.parametrize("raw", [1.5, 0.0, float("nan"), True, False, None, [1], b"1.00"])
def test_to_money_rejects_non_money_types(raw):
    with pytest.raises(TypeError, match="must be a Decimal, int or str"):
        to_money(raw)


@pytest.mark.parametrize(
    "raw", ["12.345", D("0.001"), "abc", "", "$", "1,23.4", "12.3.4", "--5", "-$-5", "NaN",
            D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity"), "1e5"],
)
def test_to_money_rejects_bad_values_with_value_error(raw):
    with pytest.raises(InvalidMoney) as info:
        to_money(raw)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, BhBillingError)
    assert "expected" in str(info.value)


def test_to_money_message_names_value_and_expectation():
    with pytest.raises(InvalidMoney, match=r"at most 2 decimal places.*'12\.345'"):
        to_money("12.345")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_to_money_rejects_any_float(value):
    with pytest.raises(TypeError):
        to_money(value)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_cents_round_trip(cents):
    assert to_cents(from_cents(cents)) == cents
    assert to_money(str(from_cents(cents))) == from_cents(cents)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (D("2.675"), D("2.68")),
        (D("2.665"), D("2.67")),
        (D("0.005"), D("0.01")),
        (D("-0.005"), D("-0.01")),
        (D("-0.004"), D("0.00")),
        (D("1.2349"), D("1.23")),
        (5, D("5.00")),
    ],
)
def test_quantize_cents_rounds_half_up(raw, expected):
    assert quantize_cents(raw) == expected
    assert str(quantize_cents(raw)) == str(expected)


def test_quantize_cents_rejects_float_and_nan():
    with pytest.raises(TypeError):
        quantize_cents(2.675)
    with pytest.raises(InvalidMoney):
        quantize_cents(D("NaN"))


def test_to_cents_and_from_cents():
    assert to_cents("12.34") == 1234
    assert to_cents(D("-0.05")) == -5
    assert from_cents(1234) == D("12.34")
    assert str(from_cents(-5)) == "-0.05"
    with pytest.raises(InvalidMoney):
        to_cents(D("1.005"))
    with pytest.raises(TypeError):
        from_cents(12.0)
    with pytest.raises(TypeError):
        from_cents(True)


def test_zero_has_two_places():
    assert str(ZERO) == "0.00"


def test_format_usd():
    assert format_usd(D("1234.5")) == "$1,234.50"
    assert format_usd(-5) == "-$5.00"
    assert format_usd("0") == "$0.00"


def test_allocate_examples():
    assert allocate(D("100.00"), [1, 1, 1]) == [D("33.34"), D("33.33"), D("33.33")]
    assert allocate(D("0.05"), [1, 1]) == [D("0.03"), D("0.02")]
    assert allocate(D("-0.05"), [1, 1]) == [D("-0.03"), D("-0.02")]
    assert allocate(D("10.00"), [0, 1]) == [D("0.00"), D("10.00")]
    assert allocate("150.00", [D("100.00"), D("50.00")]) == [D("100.00"), D("50.00")]


def test_allocate_gives_leftover_cents_to_largest_remainders():
    # exact shares 0.333.., 0.666..: floors 0 and 0, one leftover cent to the larger remainder
    assert allocate(D("0.01"), [1, 2]) == [D("0.00"), D("0.01")]


@pytest.mark.parametrize(
    ("weights", "error"),
    [([], ValueError), ([0, 0], ValueError), ([1, -1], ValueError), ([1.0, 2], TypeError),
     ([D("NaN")], ValueError), ([True], TypeError)],
)
def test_allocate_rejects_bad_weights(weights, error):
    with pytest.raises(error):
        allocate(D("1.00"), weights)


_weights = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
).filter(lambda ws: sum(ws) > 0)


@given(st.integers(min_value=-(10**9), max_value=10**9), _weights)
def test_allocate_sums_exactly_and_stays_within_a_cent_of_share(total_cents, weights):
    total = from_cents(total_cents)
    parts = allocate(total, weights)
    assert len(parts) == len(weights)
    assert sum(parts, ZERO) == total
    weight_sum = sum(D(w) for w in weights)
    for part, weight in zip(parts, weights, strict=True):
        assert part.as_tuple().exponent == -2
        exact_share = total * D(weight) / weight_sum
        assert abs(part - exact_share) < D("0.01")
        if weight == 0:
            assert part == 0
