"""KPI definitions: values, status bands against the §12 benchmarks, and the data itself."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from bhbilling.domain.kpis import DEFINITIONS, Direction, definition, ratio_value, status_for


def test_ratio_value_rounds_half_up_to_cents_and_is_none_without_denominator():
    assert ratio_value(D(5), D(7), D(100)) == D("71.43")  # 71.428...
    assert ratio_value(D(1), D(8), D(100)) == D("12.50")
    assert ratio_value(D(1), D(200), D(1)) == D("0.01")  # 0.005 rounds up, not to even
    assert ratio_value(D(800), D(1300), D(90)) == D("55.38")  # days in A/R: A/R * 90 / charges
    assert ratio_value(D(3), D(0), D(100)) is None


@pytest.mark.parametrize(("key", "value", "expected"), [
    # clean claims: >= 95 good, 90 up to 95 watch, below 90 bad (§12, HFMA CL-1)
    ("clean_claim_rate", D("95.00"), "good"), ("clean_claim_rate", D("94.99"), "watch"),
    ("clean_claim_rate", D("90.00"), "watch"), ("clean_claim_rate", D("89.99"), "bad"),
    # denial rate: lower is better, 5 and 10 the edges
    ("denial_rate_count", D("5.00"), "good"), ("denial_rate_count", D("5.01"), "watch"),
    ("denial_rate_count", D("10.00"), "watch"), ("denial_rate_count", D("10.01"), "bad"),
    # days in A/R: under 35 high performers, 45 the top of the typical range
    ("days_in_ar", D("35.00"), "good"), ("days_in_ar", D("44.00"), "watch"),
    ("days_in_ar", D("45.01"), "bad"),
    ("net_collection_rate", D("96.00"), "good"), ("net_collection_rate", D("92.00"), "watch"),
    ("net_collection_rate", D("80.00"), "bad"),
    ("ar_over_90_share", D("9.99"), "good"), ("ar_over_90_share", D("20.00"), "watch"),
    ("ar_over_90_share", D("25.00"), "bad"),
    ("charge_lag", D("1.43"), "good"), ("charge_lag", D("4.00"), "watch"), ("charge_lag", D("6.00"), "bad"),
    ("underpayment_rate", D("0.00"), "good"), ("underpayment_rate", D("6.67"), "bad"),
])
def test_status_bands(key, value, expected):
    assert status_for(definition(key), value) == expected


def test_no_status_when_not_available_or_informational():
    assert status_for(definition("clean_claim_rate"), None) == ""
    assert status_for(definition("gross_collection_rate"), D("40.00")) == ""
    assert definition("gross_collection_rate").direction is Direction.INFORMATIONAL


def test_every_definition_is_complete_and_cites_its_source():
    keys = [d.key for d in DEFINITIONS]
    assert len(keys) == len(set(keys)) == 15
    for d in DEFINITIONS:
        assert d.label and d.formula and d.benchmark and d.numerator_label and d.denominator_label, d.key
        assert d.unit in ("%", "days"), d.key
        if d.direction is not Direction.INFORMATIONAL:
            assert d.good is not None and d.watch is not None, d.key
        # a §12 benchmark carries its S-numbers; the project's own bands say so
        assert re.search(r"\[S\d+", d.source) or "Project rule" in d.source, d.key


def test_unknown_key_names_the_known_ones():
    with pytest.raises(KeyError, match="clean_claim_rate"):
        definition("nope")


def test_docs_table_shows_every_definition_as_the_code_has_it():
    """docs/reports.md is the KPI table for people; it must not drift from the code."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[4] / "docs" / "reports.md").read_text(encoding="utf-8")
    for d in DEFINITIONS:
        row = next((line for line in text.splitlines() if f"(`{d.key}`)" in line), "")
        assert d.formula in row and d.benchmark in row and d.source in row, d.key
