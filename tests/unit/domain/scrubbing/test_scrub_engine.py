"""The engine: overrides, readiness, rule failures, where rules apply, parameters (domain ring)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from bhbilling.domain.scrubbing import ERROR, WARNING, build_pack, scrub
from tests.unit.domain.scrubbing.build import PACK, claim, coverage, ids, line, payer, prior, run

DUPLICATE = claim(history=(prior("90834"),))


def test_an_error_blocks_and_an_override_releases_it_but_keeps_it_listed():
    assert not run(DUPLICATE).ready
    result = run(DUPLICATE, overrides={("DUP-001", 1)})
    (finding,) = [f for f in result.findings if f.rule == "DUP-001"]
    assert finding.overridden and not finding.blocks
    assert result.ready and not result.clean


def test_an_override_without_a_line_covers_every_line_of_the_rule():
    result = run(DUPLICATE, overrides=[("DUP-001", None)])
    assert result.ready


def test_an_override_for_another_line_or_rule_changes_nothing():
    assert not run(DUPLICATE, overrides={("DUP-001", 2)}).ready
    assert not run(DUPLICATE, overrides={("TF-001", None)}).ready


def test_warnings_never_block():
    result = run(claim(lines=(line("90834", minutes=60),)))
    assert [f.severity for f in result.findings] == [WARNING]
    assert result.ready and result.clean and result.errors == () and len(result.warnings) == 1


def test_a_rule_that_raises_holds_the_claim_without_stopping():
    broken = claim(lines=(replace(line(), charge=None),), total=Decimal(0))
    result = run(broken)
    failed = [f for f in result.findings if f.rule == "SCRUB-RULE-FAILED"]
    assert failed and all(f.severity == ERROR for f in failed)
    assert "TypeError" in failed[0].message
    assert not result.ready


def test_results_carry_the_pack_name_and_version():
    result = run(claim())
    assert (result.pack, result.pack_version, result.claim_id) == ("bh-core", PACK.version, "C1")


def test_finding_text_names_rule_severity_and_line():
    (finding,) = run(DUPLICATE).findings
    assert str(finding).startswith("DUP-001 error: line 1: 90834 on 2026-06-15")


def test_a_rule_limited_to_other_payers_does_not_run():
    pack = build_pack("t", "1", rule_changes={"DUP-001": {"payers": ["PAYER2"]}})
    assert scrub(DUPLICATE, pack).findings == ()
    other = replace(DUPLICATE, payer=payer(payer_id="PAYER2"), coverage=coverage(payer_id="PAYER2"),
                    rendering=replace(DUPLICATE.rendering, enrolled_payer_ids=frozenset({"PAYER2"})))
    assert [f.rule for f in scrub(other, pack).findings] == ["DUP-001"]


def test_payers_match_by_kind_and_profile_name_too():
    by_kind = build_pack("t", "1", rule_changes={"DUP-001": {"payers": ["commercial"]}})
    by_name = build_pack("t", "1", rule_changes={"DUP-001": {"skip_payers": ["commercial-default"]}})
    assert "DUP-001" in {f.rule for f in scrub(DUPLICATE, by_kind).findings}
    assert "DUP-001" not in {f.rule for f in scrub(DUPLICATE, by_name).findings}


def test_rule_effective_dates_follow_the_date_of_service():
    later = build_pack("t", "1", rule_changes={"DUP-001": {"effective_from": dt.date(2026, 6, 16)}})
    ended = build_pack("t", "1", rule_changes={"DUP-001": {"effective_to": dt.date(2026, 6, 15)}})
    assert scrub(DUPLICATE, later).findings == ()
    assert [f.rule for f in scrub(DUPLICATE, ended).findings] == ["DUP-001"]


def test_pack_changes_severity_and_turns_rules_off():
    softer = build_pack("t", "1", rule_changes={"DUP-001": {"severity": "warning"}})
    off = build_pack("t", "1", rule_changes={"DUP-001": {"enabled": False}})
    assert scrub(DUPLICATE, softer).ready
    assert scrub(DUPLICATE, off).findings == ()
    assert "DUP-001" not in {r.id for r in off.rules}


def test_params_layer_kind_then_payer_then_snapshot():
    pack = build_pack("t", "1", params={"timely_filing_days": 90},
                      layers={"kind:medicare": {"timely_filing_months": 12},
                              "payer:PAYER9": {"timely_filing_days": 30, "timely_filing_months": None}})
    day = dt.date(2026, 6, 15)
    assert pack.plan(payer(), day).params.timely_filing_days == 90
    medicare = pack.plan(payer(kind="medicare"), day).params
    assert (medicare.timely_filing_days, medicare.timely_filing_months) == (90, 12)
    own = pack.plan(payer(payer_id="PAYER9", kind="medicare"), day).params
    assert (own.timely_filing_days, own.timely_filing_months) == (30, None)
    contract = pack.plan(payer(kind="medicare", timely_filing_days=120, eligibility_window_days=7),
                         day).params
    assert (contract.timely_filing_days, contract.timely_filing_months, contract.eligibility_window_days) == (
        120, None, 7)


def test_shipped_pack_gives_medicare_twelve_months():
    late = claim(payer=payer(kind="medicare", name="medicare"),
                 lines=(line(date_of_service=dt.date(2024, 2, 29)),), as_of=dt.date(2025, 3, 1))
    on_time = replace(late, as_of=dt.date(2025, 2, 28))
    assert "TF-001" in ids(late)
    assert "TF-001" not in ids(on_time)
    assert "TF-002" in ids(on_time)


def test_the_plan_is_cached_per_payer_and_date():
    pack = build_pack("t", "1")
    day = dt.date(2026, 6, 15)
    assert pack.plan(payer(), day) is pack.plan(payer(), day)
    assert pack.plan(payer(), day) is not pack.plan(payer(kind="medicare"), day)
