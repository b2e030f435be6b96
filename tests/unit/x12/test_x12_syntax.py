"""Segment building and value formats (X12.6 syntax; 005010 data element types)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.kernel.errors import InvalidMoney
from bhbilling.x12.syntax import (
    DEFAULT_DELIMITERS,
    Delimiters,
    segment,
    x12_date,
    x12_decimal,
    x12_money,
    x12_name,
    x12_time,
)
from bhbilling.x12.values import X12WriteError


def test_segment_joins_elements_and_composites():
    assert segment("SV1", ("HC", "90837", "95"), "180", "UN", "1") == "SV1*HC:90837:95*180*UN*1"


def test_trailing_empty_elements_and_components_are_trimmed():
    assert segment("NM1", "IL", "1", "DOE", None, "", None) == "NM1*IL*1*DOE"
    assert segment("SV1", ("HC", "90837", None, ""), "10") == "SV1*HC:90837*10"


def test_inner_empty_elements_are_kept():
    assert segment("NM1", "PR", "2", "PLAN", None, None, None, None, "PI", "X1") == "NM1*PR*2*PLAN*****PI*X1"


@pytest.mark.parametrize("char", ["*", ":", "^", "~"])
def test_delimiter_in_a_value_is_refused_naming_segment_position_and_character(char):
    with pytest.raises(X12WriteError) as exc:
        segment("NM1", "IL", "1", f"O{char}BRIEN", "PAT")
    message = str(exc.value)
    assert "NM103" in message
    assert repr(char) in message
    assert "BRIEN" not in message  # the value may be PHI: never echoed


def test_delimiter_inside_a_composite_component_names_the_component():
    with pytest.raises(X12WriteError, match=r"SV101-2 contains the delimiter '\*'"):
        segment("SV1", ("HC", "908*37"), "10")


def test_custom_delimiters_are_used_and_checked():
    delims = Delimiters(element="|", component=">", repetition="!", segment="\n")
    assert delims.build("SV1", ("HC", "90837"), "1*0") == "SV1|HC>90837|1*0"
    with pytest.raises(X12WriteError, match="SV102"):
        delims.build("SV1", ("HC", "90837"), "1|0")
    assert segment("LX", "1", delimiters=delims) == "LX|1"


@pytest.mark.parametrize("kwargs", [{"element": "**"}, {"component": "*"}, {"segment": "A"},
                                    {"element": " "}])
def test_bad_delimiter_sets_are_refused(kwargs):
    with pytest.raises(X12WriteError):
        Delimiters(**kwargs)


def test_default_delimiters():
    assert (DEFAULT_DELIMITERS.element, DEFAULT_DELIMITERS.component, DEFAULT_DELIMITERS.repetition,
            DEFAULT_DELIMITERS.segment) == ("*", ":", "^", "~")


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("150.00"), "150"), (Decimal("150.50"), "150.5"), (Decimal("150.25"), "150.25"),
    (Decimal("0"), "0"), (Decimal("-12.30"), "-12.3"), (150, "150"), ("1234.5", "1234.5"),
    (Decimal("0.05"), "0.05"), (Decimal("1000"), "1000"), (Decimal("-0.00"), "0"),
    (Decimal("1.5E+2"), "150"), (Decimal("150.250"), "150.25"), (Decimal("0.10"), "0.1"),
])
def test_money_is_r_type_without_needless_zeros(value, text):
    assert x12_money(value) == text


def test_money_refuses_float_and_sub_cent():
    with pytest.raises(TypeError):
        x12_money(150.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidMoney):
        x12_money(Decimal("1.005"))
    with pytest.raises(InvalidMoney):
        x12_money(Decimal("NaN"))


@pytest.mark.parametrize(("value", "text"), [(Decimal("1"), "1"), (Decimal("2.50"), "2.5"),
                                             (Decimal("1E+1"), "10"), (3, "3")])
def test_quantities(value, text):
    assert x12_decimal(value) == text


def test_quantity_refuses_float():
    with pytest.raises(TypeError):
        x12_decimal(1.0)  # type: ignore[arg-type]


def test_dates_times_and_names():
    assert x12_date(dt.date(2026, 3, 2)) == "20260302"
    assert x12_time(dt.time(9, 5)) == "0905"
    assert x12_time(dt.datetime(2026, 3, 2, 14, 30)) == "1430"
    assert x12_name("  de la  Cruz ") == "DE LA CRUZ"
