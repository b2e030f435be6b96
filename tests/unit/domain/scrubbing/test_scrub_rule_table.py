"""Every rule of the bh-core pack fires on its case and stays quiet on its near miss (domain ring)."""

from __future__ import annotations

import pytest

from tests.unit.domain.scrubbing.build import PACK, claim, ids, run
from tests.unit.domain.scrubbing.cases import CASES, MORE_FIRES, MORE_NEAR


def test_the_baseline_claim_is_clean():
    result = run(claim())
    assert result.findings == ()
    assert result.ready and result.clean


def test_every_rule_in_the_pack_has_a_case():
    assert {r.id for r in PACK.rules} == set(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires(rule):
    fires, _ = CASES[rule]
    assert rule in ids(fires())


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_near_miss(rule):
    _, near = CASES[rule]
    assert rule not in ids(near())


@pytest.mark.parametrize(("rule", "build"), MORE_FIRES,
                         ids=[f"{r}-{i}" for i, (r, _) in enumerate(MORE_FIRES)])
def test_rule_fires_on_other_branches(rule, build):
    assert rule in ids(build())


@pytest.mark.parametrize(("rule", "build"), MORE_NEAR, ids=[f"{r}-{i}" for i, (r, _) in enumerate(MORE_NEAR)])
def test_rule_other_near_misses(rule, build):
    assert rule not in ids(build())


@pytest.mark.parametrize("rule", sorted(CASES))
def test_finding_carries_the_rule_metadata(rule):
    fires, _ = CASES[rule]
    meta = PACK.rule(rule)
    finding = next(f for f in run(fires()).findings if f.rule == rule)
    assert (finding.category, finding.severity, finding.fix, finding.reference) == (
        meta.category, meta.severity, meta.fix, meta.reference)
    assert finding.message
