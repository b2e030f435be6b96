"""Underpayments are measured on the first payer's adjudication only: a secondary payer pays
what the primary left (coordination of benefits), which is not its contract rate."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.submission.batches import create_batches
from bhbilling.reports import drilldown, kpi_money
from bhbilling.reports.filters import ReportFilters
from tests import builders as b
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch)
    for payer in (w.payer, w.secondary_payer):  # both contracts expect 150 for 90837
        schedule = b.fee_schedule(w.practice, payer, {("90837", ""): "200.00"})
        m.FeeScheduleRate.unscoped.filter(schedule=schedule).update(expected_allowed=D("150.00"))
    return w


def test_the_secondary_claims_line_is_not_an_underpayment(world):
    w = world
    primary = submitted(w, payers=[w.payer, w.secondary_payer])
    import_835(w, [RemitSpec([ClaimSpec(  # allowed 150 = paid 120 + coinsurance 30: as contracted
        primary.patient_control_number, "200", "120", patient_responsibility="30",
        lines=[line_spec(primary, "120", [("CO", "45", "50"), ("PR", "2", "30")])])])])
    secondary = m.Claim.objects.get(prior_payer_claim=primary)
    assert prepare_claims([secondary]).ready == [secondary]
    create_batches(w.practice)
    secondary.refresh_from_db()
    import_835(w, [RemitSpec([ClaimSpec(  # the secondary pays the 30 left: allowed 30 on its 835
        secondary.patient_control_number, "200", "30", payer_claim="SEC0001",
        lines=[line_spec(secondary, "30", [("OA", "23", "170")])])],
        trace="SEC-T1", payer_tin="SECOND01", payer_name="SECOND MUTUAL")],
        name="second.835", interchange=2)
    year_end = dt.date(2026, 12, 31)
    f = ReportFilters((w.practice.pk,), dt.date(2026, 1, 1), year_end, year_end)
    assert kpi_money.underpayment_rate(f) == (D("0.00"), D("150.00"))  # (short, expected)
    assert {c.pk for c in drilldown.drilldown(f, "underpayment_rate", "denominator")} == {primary.pk}
    assert list(drilldown.drilldown(f, "underpayment_rate", "numerator")) == []
