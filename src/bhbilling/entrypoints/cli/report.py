"""``bhbilling report NAME``: any report as CSV or XLSX, the monthly client report as PDF.

``bhbilling report NAME --practice ID_OR_NPI --from YYYY-MM-DD --to YYYY-MM-DD
[--payer ID_OR_PAYER_ID] [--provider ID_OR_NPI] --format csv|xlsx|pdf [--out FILE]``

NAME is one of ``reports.registry.REPORTS`` (kpis, denials, denial-reasons, aging, trend,
underpayments, allowed-by-code, work) or ``monthly`` (PDF only, from
``reports.monthly.render_monthly_pdf``). CSV goes to standard output unless ``--out`` is
given; XLSX and PDF go to ``--out`` or to ``report-NAME-FROM-TO.EXT`` in the current folder.
Every export is recorded in the audit trail (report name, format, row count: no values).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from django.utils import timezone

from bhbilling.entrypoints.cli.console import console, err_console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:report"
MONTHLY = "monthly"
FORMATS = ("csv", "xlsx", "pdf")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def _names() -> list[str]:
    from bhbilling.reports.registry import REPORTS

    return [*REPORTS, MONTHLY]


def register(sub) -> None:
    p = sub.add_parser("report", help="reports and KPIs as CSV/XLSX, the monthly client report as PDF")
    p.add_argument("name", metavar="NAME", choices=_names(), help=f"one of: {', '.join(_names())}")
    p.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--payer", metavar="ID_OR_PAYER_ID", help="only this payer's claims")
    p.add_argument("--provider", metavar="ID_OR_NPI", help="only this rendering provider's claims")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
    p.add_argument("--out", type=Path, metavar="FILE", help="write here (CSV default: standard output)")
    p.set_defaults(handler=handle)


def _payer_id(practice, ref: str | None) -> int | None:
    from bhbilling.app.models import Payer

    if not ref:
        return None
    rows = Payer.unscoped.filter(company_id=practice.company_id, payer_id=ref.strip())
    if ref.strip().isdigit():
        rows = rows | Payer.unscoped.filter(company_id=practice.company_id, pk=int(ref))
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"--payer {ref}: {'no' if not found else 'more than one'} payer of this "
                             "company has that id or electronic payer id")
    return found[0].pk


def _provider_id(practice, ref: str | None) -> int | None:
    from bhbilling.app.models import Provider

    if not ref:
        return None
    ref = ref.strip()
    rows = Provider.unscoped.filter(practice_id=practice.pk)
    rows = rows.filter(npi=ref) if len(ref) == 10 and ref.isdigit() else (
        rows.filter(pk=int(ref)) if ref.isdigit() else rows.none())
    found = list(rows[:1])
    if not found:
        raise BhBillingError(f"--provider {ref}: no provider of this practice has that id or NPI")
    return found[0].pk


def _render(name: str, fmt: str, filters) -> tuple[bytes, int]:
    """The file bytes and the number of rows (pages for the PDF) it holds."""
    from bhbilling.reports import export
    from bhbilling.reports.registry import report_table

    if name == MONTHLY:
        if fmt != "pdf":
            raise BhBillingError("the monthly client report is a PDF: use --format pdf")
        from bhbilling.reports.monthly import render_monthly_pdf

        return render_monthly_pdf(filters), 1
    if fmt == "pdf":
        raise BhBillingError(f"report {name} is exported as csv or xlsx; only 'monthly' is a PDF")
    table = report_table(name, filters)
    data = export.to_csv(table) if fmt == "csv" else export.to_xlsx(table)
    return data, len(table.rows)


def handle(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.tenancy import scoped_to
    from bhbilling.reports.filters import ReportFilters

    practice = find_practice(args.practice)
    try:
        filters = ReportFilters((practice.pk,), args.start, args.end, timezone.localdate(),
                                _payer_id(practice, args.payer), _provider_id(practice, args.provider))
    except ValueError as exc:
        raise BhBillingError(str(exc)) from None
    with scoped_to(practice.company_id, practice.pk), audit.acting_as(ACTOR):
        with err_console.status(f"{args.name}: computing"):
            data, rows = _render(args.name, args.fmt, filters)
        audit.record("export", object_type="report", object_id=args.name, practice_id=practice.pk,
                     detail={"format": args.fmt, "rows": rows, "from": args.start.isoformat(),
                             "to": args.end.isoformat()})
    if args.out is None and args.fmt == "csv":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    out = args.out or Path(f"report-{args.name}-{args.start.isoformat()}-{args.end.isoformat()}.{args.fmt}")
    out.write_bytes(data)
    console.print(f"{args.name}: {rows} row(s) written to {out} ({len(data):,} bytes)", highlight=False)
    return 0
