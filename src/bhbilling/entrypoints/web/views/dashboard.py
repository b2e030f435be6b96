"""The reports dashboard: KPI cards against benchmarks, trend charts, aging and denials, each
figure linked to the claims behind it; the monthly client PDF and CSV/XLSX exports.

- Figures come from ``bhbilling.reports`` (the same functions the PDF, exports and CLI use);
  charts are drawn on our server (``reports.charts``, inline SVG): nothing is loaded from
  outside.
- Reading figures needs VIEW_REPORTS in every practice filtered on; the drill-down page lists
  claims with patient names, so it also needs VIEW_PHI there and is audited (ids only);
  exports need EXPORT_DATA.
- A drill-down page shows the count (or sum) of the listed claims beside the figure it came
  from; they are built from the same querysets (``reports.drilldown``), so they agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bhbilling.app import audit
from bhbilling.app.models import Practice
from bhbilling.domain.access import Permission
from bhbilling.domain.kpis import definition
from bhbilling.entrypoints.web.views.dashboard_filters import (
    DashboardFilters,
    filter_choices,
    parse_filters,
)
from bhbilling.entrypoints.web.views.guards import practice_page
from bhbilling.kernel.clock import Clock, SystemClock
from bhbilling.reports import aging, denials, export, figures, kpis, registry, trend
from bhbilling.reports.charts import format_value, table_rows, to_svg
from bhbilling.reports.drilldown import PARTS, NotDrillable, drilldown, is_drillable
from bhbilling.reports.monthly import month_filters, render_monthly_pdf

# "Today" decides the default period; tests replace this with a FixedClock.
CLOCK: Clock = SystemClock()
PAGE_SIZE = 50
LAG_KPIS = ("charge_lag", "claim_lag", "submission_to_payment_lag")

reports_page = practice_page(Permission.VIEW_REPORTS)


def _require(request: HttpRequest, permission: Permission, practice_ids) -> None:
    if not all(request.access.can(permission, pid) for pid in practice_ids):
        raise PermissionDenied(f"Your role does not allow: {permission.label}.")


def drill_url(state: DashboardFilters, key: str, part: str, **changes) -> str:
    return f"{reverse('web:dashboard_drill')}?{state.query(kpi=key, part=part, **changes)}"


def _card(state: DashboardFilters, v) -> dict:
    d = definition(v.key)
    part_text = (lambda x: format_value(x, "$")) if d.money_parts else (lambda x: f"{x:,}")
    return {
        "kpi": v,
        "value": format_value(v.value, v.unit),
        "numerator": part_text(v.numerator),
        "denominator": part_text(v.denominator),
        "numerator_label": d.numerator_label,
        "denominator_label": d.denominator_label,
        "links": {p: drill_url(state, v.key, p) for p in PARTS if is_drillable(v.key, p)},
    }


def _chart(drawing, element_id: str) -> dict:
    return {
        "svg": to_svg(drawing, element_id=element_id),
        "title": drawing.data.title,
        "rows": table_rows(drawing.data),
    }


@reports_page
def dashboard(request: HttpRequest) -> HttpResponse:
    state = parse_filters(request, CLOCK.today())
    f = state.filters
    _require(request, Permission.VIEW_REPORTS, f.practice_ids)

    def link(key: str, part: str, start: dt.date, end: dt.date, payer_id: int | None) -> str:
        return drill_url(state, key, part, start=start.isoformat(), end=end.isoformat())

    points = trend.trend(f, 12)
    drawings = figures.trend_charts(points, f.end, link=link)
    reasons = denials.top_denial_reasons(f, 10)
    aging_rows = aging.aging(f)
    extra = [d for d in (figures.aging_chart(aging_rows), figures.denial_reasons_chart(reasons)) if d]
    names = ("trend-money", "trend-rates", "trend-days", "aging", "denial-reasons")
    single = state.single_practice
    return render(
        request,
        "web/dashboard.html",
        {
            "state": state,
            "f": f,
            **filter_choices(request, state),
            "cards": [_card(state, v) for v in kpis.compute(f)],
            "charts": [_chart(d, n) for d, n in zip([*drawings, *extra], names, strict=False)],
            "reasons": reasons,
            "aging_rows": aging_rows,
            "aging_labels": [b.label for b in aging.BUCKETS],
            "exports": [(r.name, r.title) for r in registry.REPORTS.values()],
            "can_export": all(request.access.can(Permission.EXPORT_DATA, p) for p in f.practice_ids),
            "query": state.query(),
            "monthly_url": (
                f"{reverse('web:monthly_pdf')}?practice={single}&month={f.start:%Y-%m}" if single else ""
            ),
        },
    )


@dataclass(frozen=True)
class DrillSummary:
    """What the listed claims add up to, in the figure's own terms."""

    count: int
    total: Decimal | None  # the sum the figure uses (dollars, days or units); None when it is the count
    total_text: str
    figure_text: str  # the KPI part the list stands for


def drill_summary(f, key: str, part: str, claims: QuerySet) -> DrillSummary:
    """Count and sum of ``claims`` as the KPI measures that part (see reports.drilldown)."""
    d = definition(key)
    value = kpis.kpi(f, key)
    figure = value.numerator if part == "numerator" else value.denominator
    count = claims.count()
    if d.money_parts:
        total = claims.aggregate(s=Sum("kpi_amount"))["s"] or Decimal("0.00")
        return DrillSummary(count, total, format_value(total, "$"), format_value(figure, "$"))
    if key in LAG_KPIS and part == "numerator":
        lag = claims.aggregate(s=Sum("lag"))["s"]
        days = Decimal(lag.days if lag else 0)
        return DrillSummary(count, days, f"{days:,} days", f"{figure:,} days")
    if key == "authorization_use":
        units = claims.aggregate(s=Sum("kpi_amount"))["s"] or Decimal(0)
        return DrillSummary(count, units, f"{units:,} units", f"{figure:,} units")
    return DrillSummary(count, None, f"{count:,} claims", f"{figure:,} claims")


@reports_page
def drill(request: HttpRequest) -> HttpResponse:
    state = parse_filters(request, CLOCK.today())
    f = state.filters
    _require(request, Permission.VIEW_REPORTS, f.practice_ids)
    _require(request, Permission.VIEW_PHI, f.practice_ids)  # the list names patients
    key, part = request.GET.get("kpi", ""), request.GET.get("part", "numerator")
    try:
        d = definition(key)
        claims = drilldown(f, key, part)
    except KeyError:
        raise Http404(f"kpi: expected one of {', '.join(kpis.KPI_KEYS)}") from None
    except (ValueError, NotDrillable) as exc:
        raise Http404(str(exc)) from None
    summary = drill_summary(f, key, part, claims)
    rows = claims.select_related("patient", "payer", "rendering_provider", "session")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        "read",
        object_type="kpi_drilldown",
        actor=request.user,
        practice_id=request.practice_id,
        detail={
            "kpi": key,
            "part": part,
            "practices": list(f.practice_ids),
            "claims": [c.pk for c in page.object_list],
        },
    )
    return render(
        request,
        "web/dashboard_drill.html",
        {
            "state": state,
            "f": f,
            "definition": d,
            "part": part,
            "part_label": d.numerator_label if part == "numerator" else d.denominator_label,
            "summary": summary,
            "page": page,
            "base": state.query(kpi=key, part=part),
            "extra": "",
            "show_amount": summary.total is not None and key not in LAG_KPIS,
            "show_lag": key in LAG_KPIS,
            "practice_names": list(
                Practice.unscoped.filter(pk__in=f.practice_ids).values_list("name", flat=True)
            ),
            "back": f"{reverse('web:dashboard')}?{state.query()}",
        },
    )


@reports_page
def monthly_pdf(request: HttpRequest) -> HttpResponse:
    today = CLOCK.today()
    raw = request.GET.get("practice") or str(request.practice_id)
    if not raw.isdigit() or int(raw) not in request.access.practice_ids:
        raise PermissionDenied("You may not see reports of that practice.")
    _require(request, Permission.VIEW_REPORTS, [int(raw)])
    month_raw = request.GET.get("month", "")
    try:
        month = (
            dt.date.fromisoformat(f"{month_raw}-01")
            if month_raw
            else (today.replace(day=1) - dt.timedelta(days=1))
        )
    except ValueError:
        return HttpResponse(
            f"month: expected YYYY-MM, got {month_raw[:20]!r}", status=400, content_type="text/plain"
        )
    data = render_monthly_pdf(month_filters(int(raw), month, today))
    audit.record(
        "export",
        object_type="monthly_report",
        actor=request.user,
        practice_id=int(raw),
        detail={"month": f"{month:%Y-%m}"},
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monthly-report-{raw}-{month:%Y-%m}.pdf"'
    return response


@reports_page
def export_report(request: HttpRequest) -> HttpResponse:
    state = parse_filters(request, CLOCK.today())
    f = state.filters
    _require(request, Permission.EXPORT_DATA, f.practice_ids)
    name, fmt = request.GET.get("report", ""), request.GET.get("format", "csv")
    if name not in registry.REPORTS or fmt not in ("csv", "xlsx"):
        raise Http404(f"report: expected one of {', '.join(registry.REPORTS)}; format: csv or xlsx")
    table = registry.report_table(name, f)
    data = export.to_csv(table) if fmt == "csv" else export.to_xlsx(table)
    audit.record(
        "export",
        object_type=f"report:{name}",
        actor=request.user,
        practice_id=request.practice_id,
        detail={"format": fmt, "practices": list(f.practice_ids), "rows": len(table.rows)},
    )
    response = HttpResponse(data, content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{f.start}-{f.end}.{fmt}"'
    return response
