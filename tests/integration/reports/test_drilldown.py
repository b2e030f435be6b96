"""Drill-down: the claims behind every KPI part add up to the figure (count, sum or lag days),
and they are the claims the world's table says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.domain.kpis import definition
from bhbilling.reports import drilldown as dd
from bhbilling.reports import kpis
from tests import reportworld as rw

pytestmark = pytest.mark.django_db
LAGS = {"charge_lag", "claim_lag", "submission_to_payment_lag"}
COUNTED_UNITS = {"authorization_use"}  # units: sum of kpi_amount, though not dollars


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return rw.build(tenant, monkeypatch)


def _figure(claims, key: str, part: str) -> D:
    rows = list(claims)
    if key in LAGS and part == "numerator":
        return D(sum(c.lag.days for c in rows))
    if definition(key).money_parts or key in COUNTED_UNITS:
        return sum((c.kpi_amount for c in rows), D(0))
    return D(len(rows))


@pytest.mark.parametrize("kw", [{}, {"payer": "beta"}, {"provider": "bob"},
                                {"start": dt.date(2026, 2, 1), "end": dt.date(2026, 3, 31)}],
                         ids=["june", "beta", "bob", "feb-mar"])
def test_every_part_adds_up_to_its_figure(world, kw):
    extra = {}
    if "payer" in kw:
        extra["payer_id"] = world.beta.pk
    if "provider" in kw:
        extra["provider_id"] = world.bob.pk
    f = rw.filters(world, start=kw.get("start", rw.JUNE[0]), end=kw.get("end", rw.JUNE[1]), **extra)
    checked = 0
    for value in kpis.compute(f):
        for part in dd.PARTS:
            if not dd.is_drillable(value.key, part):
                continue
            figure = value.numerator if part == "numerator" else value.denominator
            assert _figure(dd.drilldown(f, value.key, part), value.key, part) == figure, (value.key, part)
            checked += 1
    assert checked == 29  # 15 KPIs x 2 parts, less authorization use's units approved


def _pcns(world, claims) -> set[int]:
    by_pk = {c.pk: n for n, c in world.c.items()}
    return {by_pk[c.pk] for c in claims}


def test_the_claims_behind_the_figures_are_the_ones_in_the_table(world):
    f = rw.filters(world)
    assert _pcns(world, dd.drilldown(f, "clean_claim_rate", "denominator")) == {1, 2, 3, 4, 5, 7, 8}
    assert _pcns(world, dd.drilldown(f, "clean_claim_rate", "numerator")) == {1, 2, 3, 5, 7}
    assert _pcns(world, dd.drilldown(f, "first_pass_resolution_rate", "numerator")) == {1, 2, 7}
    assert _pcns(world, dd.drilldown(f, "denial_rate_count", "numerator")) == {3}
    assert _pcns(world, dd.drilldown(f, "ar_over_90_share", "numerator")) == {6}
    assert _pcns(world, dd.drilldown(f, "days_in_ar", "numerator")) == {1, 2, 5, 6, 7, 8, 9}
    assert _pcns(world, dd.drilldown(f, "underpayment_rate", "numerator")) == {2}
    assert _pcns(world, dd.drilldown(f, "authorization_use", "numerator")) == {1}
    amounts = {world.c[n].pk: a for n, a in ((1, D(30)), (2, D(20)), (5, D(150)), (6, D(200)),
                                              (7, D(50)), (8, D(150)), (9, D(200)))}
    assert {c.pk: c.kpi_amount for c in dd.drilldown(f, "days_in_ar", "numerator")} == amounts


def test_units_approved_are_not_claims(world):
    with pytest.raises(dd.NotDrillable, match="denominator of authorization_use"):
        dd.drilldown(rw.filters(world), "authorization_use", "denominator")


def test_bad_keys_and_parts_say_what_is_expected(world):
    with pytest.raises(KeyError, match="known: clean_claim_rate"):
        dd.drilldown(rw.filters(world), "nope")
    with pytest.raises(ValueError, match="'numerator' or 'denominator'"):
        dd.drilldown(rw.filters(world), "charge_lag", "both")
