"""Demo estimates: self-pay patients of the billed demo world get realistic estimates, one of
them dispute-eligible, and the worklists have an overdue replacement and an open request."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from bhbilling.app.demo import seed_demo
from bhbilling.app.demo.billing import bill_demo
from bhbilling.app.demo.estimates import seed_estimates
from bhbilling.app.estimates import filtered
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain.demo import generate_world
from bhbilling.kernel.clock import FixedClock

pytestmark = pytest.mark.django_db


def test_demo_estimates_after_billing(monkeypatch):
    world = generate_world(7, sessions_total=240, patients_total=60)
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(world.today))
    seeded = seed_demo(world)
    bill_demo(seeded.company_id, until=world.today - dt.timedelta(days=1))
    practice = m.Practice.unscoped.get(pk=seeded.practice_ids["group"])
    seed = seed_estimates(practice, world.today)
    assert seed.issued >= 2 and seed.drafts == 2 and seed.dispute_eligible == 1, seed
    rows = m.GoodFaithEstimate.unscoped.filter(practice=practice)
    assert rows.count() == seed.issued + seed.drafts
    insured = set(m.Coverage.unscoped.filter(practice=practice).values_list("patient_id", flat=True))
    assert not insured & set(rows.values_list("patient_id", flat=True))  # self-pay patients only
    with scoped_to(practice.company_id, practice.pk):
        disputed = filtered("dispute", world.today)
        assert len(disputed) == 1 and disputed[0].comparison.difference >= 400
        overdue = filtered("overdue", world.today)
        assert [r.estimate.supersedes_id is not None for r in overdue] == [True]
        assert [r.estimate.trigger for r in filtered("due", world.today) if r.state == "due"] == ["request"]
    assert all(e.total > 0 and e.period_end <= e.period_start.replace(year=e.period_start.year + 1)
               for e in rows)
