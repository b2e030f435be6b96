"""The scrubber over the demo world: the clean-claim rate and the findings by rule, printed
(``pytest -s``) and checked against the stored runs; a claim with an error is never ready."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claims
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.coding_bulk import accept_clean
from bhbilling.app.demo import seed_demo
from bhbilling.app.scrubbing import service
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain.demo import generate_world
from bhbilling.domain.scrubbing import summarize
from bhbilling.kernel.clock import FixedClock

pytestmark = pytest.mark.django_db


def test_demo_clean_claim_rate_and_findings_by_rule(monkeypatch, capsys):
    world = generate_world(7, sessions_total=300, patients_total=60)
    monkeypatch.setattr(service, "CLOCK", FixedClock(world.today))
    seeded = seed_demo(world)
    results = []
    for practice in m.Practice.unscoped.filter(company_id=seeded.company_id).order_by("id"):
        with scoped_to(seeded.company_id, practice.pk):
            sessions = list(m.ClinicalSession.objects.filter(
                status="completed", note_signed=True, date_of_service__lt=world.today)
                .select_related("provider__supervisor", "patient", "location"))
            accept_clean(sessions, actor="test")
            build_claims(sessions, actor="test")
            results += service.scrub_claims(service.open_claim_ids(), actor="test")
    summary = summarize(s.result for s in results)
    with capsys.disabled():
        print(f"\ndemo: {summary.claims} claims, clean rate {summary.clean_rate}, "
              f"ready rate {summary.ready_rate}")
        for r in summary.by_rule:
            print(f"  {r.rule:<22} {r.category:<14} {r.severity:<8} {r.findings:>5} findings "
                  f"on {r.claims} claims")
    assert summary.claims == m.Claim.unscoped.filter(practice__company_id=seeded.company_id).count() > 0
    assert 0 <= summary.clean_rate <= 1 and 0 <= summary.ready_rate <= 1
    clean = sum(s.result.clean for s in results)
    assert summary.clean == clean and summary.clean_rate == (Decimal(clean) / len(results)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert sum(r.findings for r in summary.by_rule) == summary.errors + summary.warnings
    assert sum(summary.by_category.values()) == summary.errors + summary.warnings
    stored = m.ScrubRun.unscoped.filter(practice__company_id=seeded.company_id)
    assert stored.count() == summary.claims
    assert stored.filter(clean=True).count() == summary.clean

    blocked = {s.claim_pk for s in results if not s.result.ready}
    for practice in m.Practice.unscoped.filter(company_id=seeded.company_id):
        with scoped_to(seeded.company_id, practice.pk):
            outcome = prepare_claims(claims_to_check(practice.pk), actor="test")
            assert not {c.pk for c in outcome.ready} & blocked
    states = dict(m.Claim.unscoped.filter(pk__in=blocked).values_list("pk", "state"))
    assert set(states.values()) <= {"scrubbed"}
    assert dt.date(2000, 1, 1) < world.today
