"""The monthly client report for one practice: ``render_monthly_pdf(filters) -> bytes``.

Gathers the figures with the same report functions the dashboard uses (``kpis.compute``,
``trend.trend``, ``denials.top_denial_reasons``, ``aging.aging``, ``work.work_summary``),
turns them into the plain facts of ``documents.monthly_report`` and lets it lay out the PDF.
The filter's period is the month reported (``month_filters`` builds it from a month);
``today`` is passed in, never read here.
"""

from __future__ import annotations

import datetime as dt

from bhbilling.app import models as m
from bhbilling.documents.addresses import mailing_lines
from bhbilling.documents.monthly_report import (
    AgingLine,
    KpiLine,
    MonthlyReport,
    ReasonLine,
    WorkLine,
    render_monthly_report,
)
from bhbilling.documents.pdf import Letterhead
from bhbilling.domain.receivables.aging import BUCKETS
from bhbilling.reports import aging, denials, figures, kpis, trend, work
from bhbilling.reports.charts import format_value
from bhbilling.reports.filters import KpiValue, ReportFilters

__all__ = ["month_filters", "render_monthly_pdf"]

TREND_MONTHS = 12
TOP_REASONS = 10


def month_filters(
    practice_id: int,
    month: dt.date,
    today: dt.date,
    *,
    payer_id: int | None = None,
    provider_id: int | None = None,
) -> ReportFilters:
    """The whole calendar month of ``month`` (cut at ``today`` for the current month)."""
    start = month.replace(day=1)
    end = figures.month_end(start, max(today, start))
    return ReportFilters((practice_id,), start, end, today, payer_id, provider_id)


def _letterhead(practice: m.Practice) -> Letterhead:
    return Letterhead(
        practice.name,
        mailing_lines(practice),
        practice.phone,
        npi=practice.npi,
    )


def kpi_text(v: KpiValue) -> str:
    """The figure as the report and the dashboard print it."""
    return format_value(v.value, v.unit)


def _work(items: list[work.WorkItem], section: str) -> tuple[WorkLine, ...]:
    return tuple(WorkLine(w.label, w.count, w.amount) for w in items if w.section == section)


def render_monthly_pdf(filters: ReportFilters) -> bytes:
    """The monthly client report PDF for the filter's single practice and month."""
    if len(filters.practice_ids) != 1:
        raise ValueError(
            f"the monthly client report is for one practice: practice_ids has {len(filters.practice_ids)}"
        )
    practice = m.Practice.unscoped.get(pk=filters.practice_ids[0])
    values = kpis.compute(filters)
    points = trend.trend(filters, TREND_MONTHS)
    reasons = denials.top_denial_reasons(filters, TOP_REASONS)
    rows = aging.aging(filters)
    items = work.work_summary(filters)
    charts = [*figures.trend_charts(points, filters.end, width=500, height=190)]
    charts += [c for c in (figures.denial_reasons_chart(reasons, width=500, height=170),) if c]
    report = MonthlyReport(
        letterhead=_letterhead(practice),
        month=filters.start,
        prepared_on=filters.today,
        kpis=tuple(KpiLine(v.label, kpi_text(v), v.benchmark, v.source, v.status) for v in values),
        charts=tuple(charts),
        denial_reasons=tuple(
            ReasonLine(f"{r.carc} ({r.category_label})", r.count, r.dollars) for r in reasons
        ),
        aging_buckets=tuple(b.label for b in BUCKETS),
        aging=tuple(
            AgingLine(r.label, tuple(r.buckets[b.key] for b in BUCKETS)) for r in rows if r.label != "Total"
        ),
        work_done=_work(items, "done"),
        work_pending=_work(items, "pending"),
        notes=(
            f"Period: {filters.start:%m/%d/%Y} to {filters.end:%m/%d/%Y}. A/R is aged by date of "
            "service at the period end. Formulas and benchmark sources: see the dashboard "
            "(each KPI card shows its formula).",
        ),
    )
    return render_monthly_report(report)
