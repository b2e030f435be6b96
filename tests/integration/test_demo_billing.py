"""The demo world billed through the real pipeline: every 837P batch passes pyx12, and the
ledger's insurance A/R equals the charges on the claims built."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.demo import seed_demo
from bhbilling.app.demo.billing import bill_demo
from bhbilling.app.ledger import account_balances
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.domain.demo import generate_world
from bhbilling.kernel.clock import FixedClock
from bhbilling.x12.claim837p import read_837p

pytestmark = pytest.mark.django_db


def test_demo_batches_pass_pyx12_and_charges_reach_the_ledger(monkeypatch):
    world = generate_world(5, sessions_total=240, patients_total=50)
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(world.today))  # the demo's "today"
    seeded = seed_demo(world)
    run = bill_demo(seeded.company_id, until=world.today - dt.timedelta(days=1))
    assert run.claims > 0 and run.batches > 0
    assert run.ready + run.blocked == run.claims
    batches = list(m.Batch.unscoped.order_by("id"))
    assert [b.pk for b in batches] == run.batch_ids
    sent = 0
    for batch in batches:
        assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == [], batch.file_name
        claims = [c for tx in read_837p(io.StringIO(batch.content))
                  for g in tx.billing_groups for c in g.claims]
        assert len(claims) == batch.claim_count
        sent += len(claims)
    assert sent == run.ready
    for practice in m.Practice.unscoped.filter(company_id=seeded.company_id):
        charged = sum((c.total_charge for c in m.Claim.unscoped.filter(practice=practice)),
                      Decimal(0))
        assert account_balances(practice.pk).get("1100", Decimal(0)) == charged
