"""Smoke test of the report benchmark's data generator on a few hundred claims.

The benchmark itself (one million claims) is never part of the suite; this checks that what
it writes is a valid world: foreign keys resolve, every journal entry balances, claim
balances agree with the 835s, and the cycle left claims in every stage.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from benchmarks.report_world import Plan, generate
from django.db import connection
from django.db.models import Count, F, Q, Sum

from bhbilling.app import models as m

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def world():
    return generate(Plan(claims=240, practices=2, providers=3, today=TODAY, seed=3))


def test_generates_the_asked_claims_across_practices_with_valid_keys(world):
    assert len(world.practice_ids) == 2
    per_practice = dict(m.Claim.unscoped.values_list("practice_id").annotate(n=Count("id")))
    assert per_practice == {world.practice_ids[0]: 120, world.practice_ids[1]: 120}
    assert world.counts["billing_claim"] == 240
    assert m.ClinicalSession.unscoped.count() == 240
    assert m.ClaimLine.unscoped.count() >= 240
    connection.check_constraints()  # every foreign key written by hand resolves


def test_every_journal_entry_balances_and_charges_equal_claim_totals(world):
    unbalanced = m.JournalEntry.unscoped.annotate(d=Sum("lines__debit"), c=Sum("lines__credit")).exclude(
        d=F("c")
    )
    assert not unbalanced.exists()
    charges = m.JournalLine.unscoped.filter(account__code="4000").aggregate(s=Sum("credit"))["s"]
    assert charges == m.Claim.unscoped.aggregate(s=Sum("total_charge"))["s"]
    paid = m.JournalLine.unscoped.filter(entry__entry_key__startswith="era:", account__code="1000")
    assert paid.aggregate(s=Sum("debit"))["s"] == m.ClaimPayment.unscoped.aggregate(s=Sum("paid"))["s"]
    assert (
        m.Remittance.unscoped.aggregate(s=Sum("amount"))["s"]
        == m.ClaimPayment.unscoped.aggregate(s=Sum("paid"))["s"]
    )


def test_the_cycle_leaves_claims_in_every_stage_within_the_dates(world):
    states = set(m.Claim.unscoped.values_list("state", flat=True))
    assert {"paid", "accepted", "denied"} <= states
    assert m.Denial.unscoped.exclude(category="").count() == m.Denial.unscoped.count() > 0
    assert m.ClaimStateChange.unscoped.filter(to_state="submitted").count() >= 200
    assert not m.ClaimStateChange.unscoped.filter(at__date__gt=TODAY).exists()
    assert not m.Remittance.unscoped.filter(payment_date__gt=TODAY).exists()
    first = TODAY - dt.timedelta(days=547)
    assert not m.ClinicalSession.unscoped.filter(
        Q(date_of_service__lt=first) | Q(date_of_service__gt=TODAY)
    ).exists()
    # a denied claim's A/R stays open until appealed or written off
    open_denied = m.Claim.unscoped.filter(state="denied").values_list("id", flat=True)
    for claim_id in list(open_denied)[:5]:
        ar = m.JournalLine.unscoped.filter(entry__claim_id=claim_id, account__code="1100").aggregate(
            d=Sum("debit"), c=Sum("credit")
        )
        assert ar["d"] - (ar["c"] or Decimal(0)) == m.Claim.unscoped.get(pk=claim_id).total_charge


def test_ids_continue_after_the_generated_rows(world):
    claim = m.Claim.unscoped.order_by("-id").first()
    extra = m.ClaimStateChange.unscoped.create(
        practice_id=claim.practice_id, claim=claim, from_state="paid", to_state="closed", at=claim.created_at
    )
    assert extra.pk > m.ClaimStateChange.unscoped.exclude(pk=extra.pk).order_by("-id").first().pk
