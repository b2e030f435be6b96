"""Batch summaries: clean and ready rates, findings by category and rule (domain ring)."""

from __future__ import annotations

from decimal import Decimal

from bhbilling.domain.scrubbing import summarize
from tests.unit.domain.scrubbing.build import claim, line, prior, run


def _batch():
    return [
        run(claim()),  # clean
        run(claim(lines=(line("90834", minutes=60),))),  # a warning: still clean
        run(claim(history=(prior("90834"),), coverage=None)),  # two errors
        run(claim(history=(prior("90834"),)), overrides={("DUP-001", None)}),  # overridden error
    ]


def test_rates_count_clean_and_ready_claims():
    summary = summarize(_batch())
    assert (summary.claims, summary.clean, summary.ready) == (4, 2, 3)
    assert summary.clean_rate == Decimal("0.5000")
    assert summary.ready_rate == Decimal("0.7500")
    assert (summary.errors, summary.warnings, summary.overridden) == (3, 1, 1)


def test_findings_by_category_and_rule():
    summary = summarize(iter(_batch()))
    assert summary.by_category == {"duplicates": 2, "codes": 1, "completeness": 1}
    by_rule = {r.rule: (r.findings, r.claims, r.overridden, r.severity) for r in summary.by_rule}
    assert by_rule == {"DUP-001": (2, 2, 1, "error"), "CMP-SUB-001": (1, 1, 0, "error"),
                       "CODE-TIME-002": (1, 1, 0, "warning")}
    assert summary.by_rule[0].rule == "DUP-001"


def test_an_empty_batch():
    summary = summarize([])
    assert (summary.claims, summary.clean_rate, summary.by_rule) == (0, Decimal(0), ())


def test_to_dict_is_plain_json():
    doc = summarize(_batch()).to_dict()
    assert doc["clean_rate"] == "0.5000" and doc["claims"] == 4
    assert doc["by_rule"][0] == {"rule": "DUP-001", "category": "duplicates", "severity": "error",
                                 "findings": 2, "claims": 2, "overridden": 1}
