"""/api/v1/reports: KPIs and every report as JSON, CSV or XLSX; the monthly client report as PDF.

- GET /kpis: the KPI figures (value, numerator, denominator, formula, benchmark, source,
  status) for the filter; ``format=csv|xlsx`` gives the same as a file.
- GET /<name>, one route per report of ``reports.registry.REPORTS`` (denials, aging, trend,
  ...): a table (``format=json``, the default) or a file (``csv``, ``xlsx``); GET /monthly
  is the client PDF. No path parameters: a report is an aggregate, not a row.
- Filter (query): ``practice`` (an id, or ``all`` for every practice the user may report
  on; default the request's practice), ``payer`` (a payer id of the company), ``provider``
  (a provider id of those practices), ``start``/``end`` (default: the last full month).
- Rights: VIEW_REPORTS in every practice reported on; files also need EXPORT_DATA. A
  practice the user may not see is refused (403), never silently dropped.
- Every answer is recorded in the audit trail (report name, format, row count; no values).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from bhbilling.app import audit
from bhbilling.app.models import Payer, Provider
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor
from bhbilling.entrypoints.api.practice_choice import chosen_practices
from bhbilling.reports import export, kpis
from bhbilling.reports.filters import KpiValue, ReportFilters
from bhbilling.reports.registry import REPORTS, report_table

router = Router(tags=["reports"])
MONTHLY = "monthly"
FILE_FORMATS = ("csv", "xlsx", "pdf")


class ReportQuery(Schema):
    practice: str = Field("", description="a practice id, or 'all'; default the current practice")
    payer: int | None = None
    provider: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    format: str = Field("json", description="json, csv or xlsx (pdf for 'monthly')")


class KpiOut(Schema):
    key: str
    label: str
    value: str | None = Field(description="decimal as text; null when the denominator is 0")
    unit: str
    numerator: str
    denominator: str
    formula: str
    benchmark: str
    source: str
    status: str = Field(description="good, watch, bad, or empty when n/a or informational")


class FiltersOut(Schema):
    practice_ids: list[int]
    payer_id: int | None
    provider_id: int | None
    start: dt.date
    end: dt.date
    today: dt.date


class KpisOut(Schema):
    filters: FiltersOut
    kpis: list[KpiOut]


class TableOut(Schema):
    name: str
    title: str
    filters: FiltersOut
    columns: list[dict[str, str]]
    rows: list[list[Any]]
    row_kinds: list[dict[str, str]]


def _filters(request: HttpRequest, q: ReportQuery, permission: Permission) -> ReportFilters:
    ids = chosen_practices(request, q.practice, permission)
    today = timezone.localdate()
    last = today.replace(day=1) - dt.timedelta(days=1)
    start, end = q.start or last.replace(day=1), q.end or last
    if end < start:
        raise HttpError(422, f"end: expected a date on or after start ({start.isoformat()}), "
                             f"got {end.isoformat()}")
    if q.payer is not None and not Payer.unscoped.filter(company_id=request.access.company_id,
                                                         pk=q.payer).exists():
        raise HttpError(422, f"payer: expected a payer id of your company, got {q.payer}")
    if q.provider is not None and not Provider.unscoped.filter(practice_id__in=ids, pk=q.provider).exists():
        raise HttpError(422, "provider: expected a provider id of the practices reported on, "
                             f"got {q.provider}")
    return ReportFilters(ids, start, end, today, q.payer, q.provider)


def _filters_out(f: ReportFilters) -> dict[str, Any]:
    return {"practice_ids": list(f.practice_ids), "payer_id": f.payer_id, "provider_id": f.provider_id,
            "start": f.start, "end": f.end, "today": f.today}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _kpi(v: KpiValue) -> dict[str, Any]:
    return {"key": v.key, "label": v.label, "value": _text(v.value), "unit": v.unit,
            "numerator": str(v.numerator), "denominator": str(v.denominator), "formula": v.formula,
            "benchmark": v.benchmark, "source": v.source, "status": v.status}


def _record(request: HttpRequest, f: ReportFilters, name: str, fmt: str, rows: int) -> None:
    for pid in f.practice_ids:
        audit.record("export" if fmt in FILE_FORMATS else "list", None, object_type="report",
                     object_id=name, practice_id=pid, actor=actor(request),
                     detail={"format": fmt, "rows": rows, "from": f.start.isoformat(),
                             "to": f.end.isoformat()})


def _file(name: str, fmt: str, f: ReportFilters, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (f'attachment; filename="report-{name}-{f.start.isoformat()}-'
                                       f'{f.end.isoformat()}.{export.EXTENSIONS[fmt]}"')
    return response


def _check_format(name: str, fmt: str) -> None:
    allowed = ("pdf",) if name == MONTHLY else ("json", "csv", "xlsx")
    if fmt not in allowed:
        raise HttpError(422, f"format: expected one of {', '.join(allowed)} for report {name}, "
                             f"got {fmt[:10]!r}")


def _table_file(request: HttpRequest, name: str, q: ReportQuery) -> HttpResponse:
    f = _filters(request, q, Permission.VIEW_REPORTS)
    _filters(request, q, Permission.EXPORT_DATA)
    table = report_table(name, f)
    data = export.to_csv(table) if q.format == "csv" else export.to_xlsx(table)
    _record(request, f, name, q.format, len(table.rows))
    return _file(name, q.format, f, data)


@router.get("/kpis", response=KpisOut)
def get_kpis(request: HttpRequest, q: Query[ReportQuery]):
    _check_format("kpis", q.format)
    if q.format != "json":
        return _table_file(request, "kpis", q)
    f = _filters(request, q, Permission.VIEW_REPORTS)
    values = kpis.compute(f)
    _record(request, f, "kpis", "json", len(values))
    return {"filters": _filters_out(f), "kpis": [_kpi(v) for v in values]}


def _monthly(request: HttpRequest, q: ReportQuery) -> HttpResponse:
    f = _filters(request, q, Permission.VIEW_REPORTS)
    _filters(request, q, Permission.EXPORT_DATA)
    if len(f.practice_ids) != 1:
        raise HttpError(422, "practice: the monthly client report is for one practice, not 'all'")
    from bhbilling.reports.monthly import render_monthly_pdf

    data = render_monthly_pdf(f)
    _record(request, f, MONTHLY, "pdf", 1)
    return _file(MONTHLY, "pdf", f, data)


def _report_view(name: str):
    def view(request: HttpRequest, q: Query[ReportQuery]):
        _check_format(name, q.format)
        if q.format != "json":
            return _table_file(request, name, q)
        f = _filters(request, q, Permission.VIEW_REPORTS)
        table = report_table(name, f)
        _record(request, f, name, "json", len(table.rows))
        return {"name": name, "filters": _filters_out(f), **export.to_json(table)}

    view.__name__ = f"get_report_{name.replace('-', '_')}"
    return view


# One route per report (no path parameter): each is documented in the OpenAPI schema.
for _name, _report in REPORTS.items():
    if _name != "kpis":
        router.get(f"/{_name}", response=TableOut, summary=_report.title,
                   operation_id=f"report_{_name.replace('-', '_')}")(_report_view(_name))


@router.get("/monthly", summary="Monthly client report (PDF)", operation_id="report_monthly")
def get_monthly(request: HttpRequest, q: Query[ReportQuery]):
    _check_format(MONTHLY, q.format if q.format != "json" else "pdf")
    return _monthly(request, q)
