"""The monthly client report layout renders every section from plain facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from bhbilling.documents.monthly_report import (
    AgingLine,
    KpiLine,
    MonthlyReport,
    ReasonLine,
    WorkLine,
    render_monthly_report,
)
from bhbilling.documents.pdf import Letterhead
from bhbilling.reports import charts as c
from tests.pdfcheck import ink_share, page_count, pdf_text

CHART = c.line_chart(
    c.ChartData(
        "Days in A/R", ("Feb 2026", "Mar 2026"), (c.Series("Days in A/R", (D("33.5"), D("41.0"))),), "days"
    )
)


def _report(**changes) -> MonthlyReport:
    facts = dict(
        letterhead=Letterhead("Harbor & Pine Counseling", ("1 Main St", "Albany NY 12207"), npi="1234567893"),
        month=dt.date(2026, 3, 1),
        prepared_on=dt.date(2026, 4, 2),
        kpis=(
            KpiLine("Clean claim rate", "96.40 %", "≥ 95 % standard", "Reference §12", "good"),
            KpiLine("Days in A/R", "41.0 days", "under 35 days", "MGMA", "watch"),
            KpiLine("Denial rate (claims)", "12.00 %", "< 5 % desirable", "HFMA AR-5", "bad"),
        ),
        charts=(CHART,),
        denial_reasons=(
            ReasonLine("CO-197 Authorization absent", 3, D("450.00")),
            ReasonLine("CO-16 Missing information", 1, D("150.00")),
        ),
        aging_buckets=("0-30", "31-60", "61-90", "91-120", "120+"),
        aging=(
            AgingLine("Acme Health", (D("100.00"), D("50.00"), D(0), D(0), D("25.00"))),
            AgingLine("Patient", (D("10.00"), D(0), D(0), D(0), D(0))),
        ),
        work_done=(WorkLine("Claims submitted", 42), WorkLine("Denials written off", 2, D("310.00"))),
        work_pending=(WorkLine("Open denials", 7, D("1050.00")),),
    )
    facts.update(changes)
    return MonthlyReport(**facts)


def test_every_section_is_on_paper_with_its_figures():
    data = render_monthly_report(_report())
    text = pdf_text(data)
    assert ink_share(data) > 0.01
    for expected in (
        "Monthly billing report, March 2026",
        "Harbor & Pine Counseling",
        "Clean claim rate",
        "96.40 %",
        "≥ 95 % standard",
        "Source: Reference §12",
        "Good",
        "Watch",
        "Below benchmark",
        "Days in A/R",
        "CO-197 Authorization absent",
        "$450.00",
        "$600.00",  # reasons total
        "Acme Health",
        "$175.00",
        "$185.00",  # payer total, grand total
        "Claims submitted",
        "42",
        "$310.00",
        "Open denials",
        "$1,050.00",
    ):
        assert expected in text, expected


def test_empty_sections_say_so_instead_of_an_empty_table():
    data = render_monthly_report(_report(charts=(), denial_reasons=(), aging=()))
    text = pdf_text(data)
    assert "No denials in this month." in text
    assert "No open insurance or patient balances." in text
    assert page_count(data) >= 1
