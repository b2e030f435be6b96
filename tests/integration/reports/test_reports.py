"""Trend, aging, denials, work summary, underpayments and allowed-by-code on the hand-checked
world (tests/reportworld.py); expected numbers are worked out from its table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.reports import aging, denials, kpis, trend, work
from bhbilling.reports.registry import REPORTS, report_table
from tests import reportworld as rw

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return rw.build(tenant, monkeypatch)


def test_trend_months_by_hand(world):
    points = {p.month: p for p in trend.trend(rw.filters(world))}
    months = list(points)
    assert (months[0], months[-1], len(months)) == (dt.date(2025, 7, 1), dt.date(2026, 6, 1), 12)
    june, march, feb = points[dt.date(2026, 6, 1)], points[dt.date(2026, 3, 1)], points[dt.date(2026, 2, 1)]
    # June: charges by service date 1300; cash 120 + 100 + 160 + 100; 1 of 5 remitted denied;
    # 5 of 7 first submissions clean; A/R 800 on 06-30 against 1300 of charges in 90 days
    assert (june.charges, june.payments, june.claims_remitted, june.claims_denied) == (
        D(1300), D(480), 5, 1)
    assert (june.denial_rate, june.clean_claim_rate, june.ar, june.days_in_ar) == (
        D("20.00"), D("71.43"), D(800), D("55.38"))
    # March: c6 denied on 03-10; nothing submitted; A/R 200 against c6's 200 (01-01..03-31)
    assert (march.charges, march.payments, march.denial_rate, march.clean_claim_rate) == (
        D(0), D(0), D("100.00"), None)
    assert (march.ar, march.days_in_ar) == (D(200), D("90.00"))
    assert (feb.charges, feb.claims_submitted, feb.claims_clean, feb.ar) == (D(200), 1, 1, D(200))
    # May: A/R still 200 but no charges in the 90 days to 05-31 (03-03..05-31)
    assert (points[dt.date(2026, 5, 1)].ar, points[dt.date(2026, 5, 1)].days_in_ar) == (D(200), None)
    assert points[dt.date(2026, 1, 1)].ar == D(0)


def test_trend_month_equals_the_kpis_of_that_month(world):
    june = trend.trend(rw.filters(world), months=1)[0]
    figures = {v.key: v.value for v in kpis.compute(rw.filters(world))}
    assert june.denial_rate == figures["denial_rate_count"]
    assert june.clean_claim_rate == figures["clean_claim_rate"]
    assert june.days_in_ar == figures["days_in_ar"]


def test_aging_by_date_of_service_per_payer(world):
    rows = {r.label: r for r in aging.aging(rw.filters(world))}
    assert list(rows) == ["Acme Health", "Beta Mutual", aging.PATIENT_ROW, "Total"]
    zero = D(0)
    # Acme: c8 150 + c9 200 (June services), c6 200 from 02-10 (140 days: 120+)
    assert rows["Acme Health"].buckets == {"0_30": D(350), "31_60": zero, "61_90": zero, "91_120": zero,
                                           "120_plus": D(200)}
    assert rows["Beta Mutual"].buckets["0_30"] == D(150) and rows["Beta Mutual"].total == D(150)
    assert rows[aging.PATIENT_ROW].total == D(100)  # c1 30 + c2 20 + c7 50
    assert (rows["Total"].buckets["0_30"], rows["Total"].buckets["120_plus"], rows["Total"].total) == (
        D(600), D(200), D(800))
    assert rows["Total"].total == kpis.kpi(rw.filters(world), "days_in_ar").numerator


def test_top_denial_reasons_and_breakdowns(world):
    june = rw.filters(world)
    reasons = denials.top_denial_reasons(june)
    assert [(r.carc, r.category, r.count, r.dollars) for r in reasons] == [
        ("CO-197", "authorization", 1, D(150))]
    wide = rw.filters(world, start=dt.date(2026, 2, 1))
    assert [(r.carc, r.category_label, r.dollars) for r in denials.top_denial_reasons(wide)] == [
        ("CO-50", "Documentation / medical necessity", D(200)), ("CO-197", "Authorization", D(150))]
    by_payer = denials.denial_breakdown(june, "payer")
    # Acme: c3 denied ($150) of c1 c2 c3 c7 remitted (200 + 200 + 150 + 200)
    assert [(s.label, s.denied_claims, s.denied_dollars, s.remitted_claims, s.remitted_dollars,
             s.count_rate, s.dollar_rate) for s in by_payer] == [
        ("Acme Health", 1, D(150), 4, D(750), D("25.00"), D("20.00"))]
    by_provider = denials.denial_breakdown(june, "provider")
    assert [(s.label, s.remitted_claims, s.count_rate, s.dollar_rate) for s in by_provider] == [
        ("Bob Builder", 3, D("33.33"), D("27.27"))]  # c3 c4 c7; 150 of 550
    by_category = denials.denial_breakdown(june, "category")
    assert [(s.key, s.label, s.count_rate, s.dollar_rate) for s in by_category] == [
        ("authorization", "Authorization", D("20.00"), D("15.79"))]
    assert [(s.key, s.denied_dollars) for s in denials.denial_breakdown(june, "code")] == [("90834", D(150))]
    with pytest.raises(ValueError, match="category, payer, provider, code"):
        denials.denial_breakdown(june, "month")


def test_work_done_and_pending(world):
    items = {w.key: (w.count, w.amount) for w in work.work_summary(rw.filters(world))}
    assert items == {
        "claims_submitted": (7, None),  # c1 c2 c3 c4 (twice, one claim) c5 c7 c8
        "payments_posted": (5, D(380)),  # 120 + 100 + 0 + 160 + 0
        "patient_payments": (1, D(100)),
        "denials_resolved": (1, D(150)),  # c3, corrected by c8
        "denials_written_off": (0, D(0)),
        "appeals_sent": (1, None),  # c6, 06-15
        "follow_up_notes": (0, None),
        "claims_unsubmitted": (1, D(200)),  # c9, ready
        "open_denials": (1, D(200)),  # c6, in progress
        # on 07-20, last submitted before 06-20: c5 (06-12); c8 was sent 06-22
        "awaiting_payment": (1, D(150)),
    }


def test_underpayments_and_allowed_by_code(world):
    table = report_table("underpayments", rw.filters(world))
    c2 = world.c[2]
    assert table.rows == [(c2.patient_control_number, c2.lines.get().line_control_number,
                           dt.date(2026, 6, 3), "Acme Health", "90837", D(150), D(120), D(100), D(20), D(30))]
    allowed = report_table("allowed-by-code", rw.filters(world))
    # Acme 90837: c1 (120 + 30), c2 (100 + 20), c7 (0 + 150): paid 220, patient 200, 3 lines
    assert allowed.rows == [("Acme Health", "90837", 3, D(220), D(200), D(420), D("140.00"), D("73.33")),
                            ("Beta Mutual", "90837", 1, D(160), D(0), D(160), D("160.00"), D("160.00"))]


def test_every_registered_report_builds_with_its_header(world):
    for name, report in REPORTS.items():
        table = report.build(rw.filters(world))
        assert table.rows, name
        assert all(len(row) == len(table.columns) for row in table.rows), name
