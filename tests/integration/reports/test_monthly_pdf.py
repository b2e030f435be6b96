"""The monthly client report PDF: rendered from a generated practice's history, read back."""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.report_world import Plan, generate

from bhbilling.app import models as m
from bhbilling.reports import kpis
from bhbilling.reports.filters import ReportFilters
from bhbilling.reports.monthly import kpi_text, month_filters, render_monthly_pdf
from tests.pdfcheck import ink_share, page_count, pdf_text, render_png

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def world():
    return generate(Plan(claims=300, practices=2, providers=3, today=TODAY, seed=11))


def test_month_filters_cover_the_calendar_month_cut_at_today():
    f = month_filters(4, dt.date(2026, 2, 17), TODAY)
    assert (f.practice_ids, f.start, f.end, f.today) == (
        (4,),
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
        TODAY,
    )
    assert month_filters(4, dt.date(2026, 6, 3), dt.date(2026, 6, 12)).end == dt.date(2026, 6, 12)


def test_the_pdf_shows_the_practice_its_kpis_against_benchmarks_and_every_section(world):
    practice = m.Practice.unscoped.get(pk=world.practice_ids[0])
    f = month_filters(practice.pk, dt.date(2026, 5, 1), TODAY)
    data = render_monthly_pdf(f)
    text = pdf_text(data)
    assert render_png(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert ink_share(data, 0) > 0.02  # page 1: letterhead, title and the KPI table
    assert page_count(data) >= 2
    assert practice.name in text and "Monthly billing report, May 2026" in text
    values = kpis.compute(f)
    assert len(values) == 15
    for v in values:
        assert v.label in text, v.label
        assert kpi_text(v) in text, (v.key, kpi_text(v))
    clean = next(v for v in values if v.key == "clean_claim_rate")
    assert clean.value is not None and clean.denominator > 0  # the month has submissions
    for benchmark in ("≥ 95 % standard", "under 35 days high performers", "< 5 % desirable"):
        assert benchmark in text
    for heading in (
        "Trends over the last 12 months",
        "Charges vs payments by month",
        "Days in A/R at month end",
        "Top denial reasons",
        "Open A/R by age",
        "Work done and pending",
        "Claims submitted",
    ):
        assert heading in text, heading


def test_the_report_refuses_more_than_one_practice(world):
    f = ReportFilters(tuple(world.practice_ids), dt.date(2026, 5, 1), dt.date(2026, 5, 31), TODAY)
    with pytest.raises(ValueError, match="one practice"):
        render_monthly_pdf(f)
