"""Data for the A/R web, API and CLI tests: two practices of one company with open balances.

Practice A: claims to three payers at several ages, one paid with a patient share, one
denied, one waiting for an 835 past 30 days (on the follow-up list). Practice B: one claim.
Built through the real pipeline (``tests.integration.receivables.world``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.history import rewrite_history
from tests.integration.receivables.world import import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec


def _moved(claim, state: str, at: dt.datetime) -> None:
    """The claim moved to ``state`` at ``at``, its earlier history a day before."""
    rewrite_history(m.ClaimStateChange.unscoped.filter(claim=claim), at=at - dt.timedelta(days=1))
    m.ClaimStateChange.unscoped.create(practice_id=claim.practice_id, claim=claim, from_state=claim.state,
                                       to_state=state, at=at, reason="test")
    m.Claim.unscoped.filter(pk=claim.pk).update(state=state)


def ar_world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = make_world(tenant, monkeypatch)
        w.paid = submitted(w, dos=dt.date(2026, 3, 2), last="Paid")
        import_835(w, [RemitSpec([ClaimSpec(
            w.paid.patient_control_number, "200", "140", patient_responsibility="20",
            lines=[line_spec(w.paid, "140", [("CO", "45", "40"), ("PR", "2", "20")])])])])
        w.denied = submitted(w, dos=dt.date(2026, 4, 1), last="Denied")
        import_835(w, [RemitSpec([ClaimSpec(
            w.denied.patient_control_number, "200", "0", status="4",
            lines=[line_spec(w.denied, "0", [("CO", "16", "200")])])], trace="T2")],
            name="d.835", interchange=2)
        rewrite_history(m.ClaimStateChange.unscoped.filter(claim=w.denied),
                        at=timezone.now() - dt.timedelta(days=20))  # denied 20 days ago, untouched since
        b.fee_schedule(w.practice, w.secondary_payer, {("90837", ""): "250.00"})
        w.waiting = submitted(w, payers=[w.secondary_payer], dos=dt.date(2026, 5, 1), last="Waiting")
        _moved(w.waiting, "accepted", timezone.now() - dt.timedelta(days=40))
        w.recent = submitted(w, payers=[w.tertiary_payer], dos=dt.date(2026, 5, 15), last="Recent")
    w2 = type("W", (), {})()
    w2.practice, w2.payer, w2.coder = tenant.b, w.payer, w.coder
    w2.provider = b.provider(tenant.b)
    b.fee_schedule(tenant.b, None, {("90837", ""): "180.00"})
    b.scrub_clean(tenant.b, [w2.provider], [w.payer])
    with scoped_to(tenant.company.pk, tenant.b.pk):
        w.other = submitted(w2, dos=dt.date(2026, 5, 5), last="Bee")
        _moved(w.other, "accepted", timezone.now() - dt.timedelta(days=40))
    return w
