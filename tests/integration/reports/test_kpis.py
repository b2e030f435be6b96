"""Every KPI on the hand-checked world of tests/reportworld.py (its table is the data; each
expected number is worked out below from that table), with payer, provider and date filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.reports import kpis
from tests import reportworld as rw

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return rw.build(tenant, monkeypatch)


def _parts(values):
    return {v.key: (v.numerator, v.denominator, v.value, v.status) for v in values}


def test_june_kpis_as_worked_out_by_hand(world):
    got = _parts(kpis.compute(rw.filters(world)))
    expected = {
        # first submitted in June: c1 c2 c3 c4 c5 c7 c8 (c6 in Feb, c9 never) = 7; clean: not c4
        # (rejected 06-12), not c8 (a correction) -> 5; 5/7 = 71.43 % (< 90: bad)
        "clean_claim_rate": (D(5), D(7), D("71.43"), "bad"),
        # first 835 in June: c1 c2 c3 c4 c7 = 5 (c6's was in March); resolved on it: c1, c2
        # (paid), c7 (all to the patient); not c3 (denied), not c4 (rejected first) -> 3/5
        "first_pass_resolution_rate": (D(3), D(5), D("60.00"), "bad"),
        # remitted in June: c1 c2 c3 c4 c7; denied: c3 -> 1/5
        "denial_rate_count": (D(1), D(5), D("20.00"), "bad"),
        # denied $150 (c3) of 200+200+150+200+200 = 950 charged on June's 835s: 15.789 %
        "denial_rate_dollars": (D(150), D(950), D("15.79"), "bad"),
        # A/R on 06-30: c1 30 + c2 20 (patients) + c5 150 + c6 200 + c7 50 (150 - 100 paid)
        # + c8 150 + c9 200 = 800 (c3 reversed by its correction, c4 paid in full);
        # charges 04-02..06-30: 200+200+150-150+200+150+200+150+200 = 1300; 800*90/1300 = 55.38
        "days_in_ar": (D(800), D(1300), D("55.38"), "bad"),
        # services before 03-31 (more than 90 days old on 06-30): c6 200 of 800
        "ar_over_90_share": (D(200), D(800), D("25.00"), "bad"),
        # June services (all but c6): cash 120 + 100 + 160 + 100 (c7's patient) = 480;
        # charges 1300 (c3 net 0), contractual 50 + 80 + 40 + 50 = 220 -> 480/1080
        "net_collection_rate": (D(480), D(1080), D("44.44"), "bad"),
        "gross_collection_rate": (D(480), D(1300), D("36.92"), ""),
        # created in June, primary originals: c1 1, c2 2, c3 1, c4 2, c5 2, c7 1, c9 1 day = 10/7
        "charge_lag": (D(10), D(7), D("1.43"), "good"),
        # first submitted in June, originals: c1 2, c2 3, c3 3, c4 3, c5 2, c7 2 = 15/6
        "claim_lag": (D(15), D(6), D("2.50"), "good"),
        # first 835 minus first submission: c1 16, c2 14, c3 12, c4 14 (06-11 -> 06-25), c7 8
        "submission_to_payment_lag": (D(64), D(5), D("12.80"), "good"),
        # Acme lines with an expected rate, not denied: c1 allowed 150 (120 + 30), c2 120
        # (100 + 20, short 30), c7 150 (0 + 150); expected 3 x 150 = 450 -> 30/450
        "underpayment_rate": (D(30), D(450), D("6.67"), "bad"),
        # c1 used 1 of the 10 visits approved
        "authorization_use": (D(1), D(10), D("10.00"), ""),
        # needed one: c1 (carried the number), c3 (denied for authorization); had one: c1
        "authorization_rate": (D(1), D(2), D("50.00"), ""),
        # patient paid 100 (c7) of 30 + 20 + 150 assigned by June's 835s
        "patient_collection_rate": (D(100), D(200), D("50.00"), ""),
    }
    assert got == expected


def test_values_carry_their_definition(world):
    value = kpis.kpi(rw.filters(world), "days_in_ar")
    assert (value.label, value.unit) == ("Days in A/R", "days")
    assert "90 days" in value.formula and "S120" in value.source and "35" in value.benchmark


def test_payer_filter(world):
    got = _parts(kpis.compute(rw.filters(world, payer_id=world.beta.pk), keys=[
        "clean_claim_rate", "denial_rate_count", "days_in_ar", "net_collection_rate",
        "underpayment_rate"]))
    assert got == {
        # Beta: c4 (rejected) and c5 first submitted in June; c5 clean
        "clean_claim_rate": (D(1), D(2), D("50.00"), "bad"),
        # remitted: c4 paid
        "denial_rate_count": (D(0), D(1), D("0.00"), "good"),
        # A/R: c5 150; charges c4 200 + c5 150: 150*90/350 = 38.57
        "days_in_ar": (D(150), D(350), D("38.57"), "watch"),
        # cash 160 (c4) / (350 - 40)
        "net_collection_rate": (D(160), D(310), D("51.61"), "bad"),
        # Beta has no expected rates: nothing compared
        "underpayment_rate": (D(0), D(0), None, ""),
    }


def test_provider_filter(world):
    got = _parts(kpis.compute(rw.filters(world, provider_id=world.bob.pk), keys=[
        "clean_claim_rate", "denial_rate_count", "net_collection_rate", "charge_lag"]))
    assert got == {
        # Bob: c3 c4 c7 c8 first submitted; clean c3 (accepted, then denied) and c7
        "clean_claim_rate": (D(2), D(4), D("50.00"), "bad"),
        # remitted c3 c4 c7; denied c3
        "denial_rate_count": (D(1), D(3), D("33.33"), "bad"),
        # cash 160 + 100; charges 0 + 200 + 200 + 150 = 550 less contractual 40 + 50
        "net_collection_rate": (D(260), D(460), D("56.52"), "bad"),
        # c3 1, c4 2, c7 1 (c8 is a correction)
        "charge_lag": (D(4), D(3), D("1.33"), "good"),
    }


def test_date_filter_february_to_march(world):
    f = rw.filters(world, start=dt.date(2026, 2, 1), end=dt.date(2026, 3, 31))
    got = _parts(kpis.compute(f, keys=["clean_claim_rate", "denial_rate_dollars", "days_in_ar",
                                       "ar_over_90_share", "first_pass_resolution_rate"]))
    assert got == {
        "clean_claim_rate": (D(1), D(1), D("100.00"), "good"),  # c6, accepted 02-14
        "denial_rate_dollars": (D(200), D(200), D("100.00"), "bad"),  # c6 denied in full on 03-10
        # A/R 03-31: c6 200; charges 01-01..03-31: c6 200 -> 90 days
        "days_in_ar": (D(200), D(200), D("90.00"), "bad"),
        "ar_over_90_share": (D(0), D(200), D("0.00"), "good"),  # c6 is 49 days old on 03-31
        "first_pass_resolution_rate": (D(0), D(1), D("0.00"), "bad"),
    }


def test_a_period_with_nothing_is_not_available(world):
    f = rw.filters(world, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30))
    value = kpis.kpi(f, "clean_claim_rate")
    assert (value.value, value.status, value.denominator) == (None, "", D(0))


def test_other_practice_sees_none_of_it(world):
    f = rw.filters(world)
    other = type(f)((world.tenant.b.pk,), f.start, f.end, f.today)
    assert all(v.numerator == 0 and v.denominator == 0 for v in kpis.compute(other))


def test_shared_queries_give_the_same_figures_as_one_by_one(world):
    f = rw.filters(world, provider_id=world.ada.pk)
    assert kpis.compute(f) == [kpis.kpi(f, key) for key in kpis.KPI_KEYS]
