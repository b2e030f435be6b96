"""Every report by name: ``REPORTS[name].table(filters) -> Table`` (exports, CLI, API use it).

Names: kpis, denials, denial-reasons, aging, trend, underpayments, allowed-by-code, work.
The monthly client report is a PDF only (``reports.monthly``), reached through the CLI/API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain.kpis import definition
from bhbilling.domain.receivables.aging import BUCKETS
from bhbilling.reports import aging as aging_report
from bhbilling.reports import denials, kpis, line_money, trend, work
from bhbilling.reports.filters import ReportFilters
from bhbilling.reports.table import Column, Table

__all__ = ["REPORTS", "Report", "report_table"]

UNIT_KIND = {"%": "percent", "days": "days", "$": "money"}


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    title: str
    build: Callable[[ReportFilters], Table]


def _kpis(f: ReportFilters) -> Table:
    cols = (Column("KPI"), Column("Key"), Column("Value", "by_row"), Column("Unit"),
            Column("Status"), Column("Numerator", "by_row"), Column("Denominator", "by_row"),
            Column("Benchmark"), Column("Formula"), Column("Source"))
    rows, kinds = [], []
    for v in kpis.compute(f):
        part = "money" if definition(v.key).money_parts else "decimal"
        rows.append((v.label, v.key, v.value, v.unit, v.status or "n/a", v.numerator, v.denominator,
                     v.benchmark, v.formula, v.source))
        kinds.append({2: UNIT_KIND.get(v.unit, "decimal"), 5: part, 6: part})
    return Table("Key performance indicators", cols, rows, kinds)


def _denials(f: ReportFilters) -> Table:
    cols = (Column("Breakdown"), Column("Key"), Column("Label"), Column("Denied claims", "int"),
            Column("Denied $", "money"), Column("Remitted claims", "int"), Column("Remitted $", "money"),
            Column("Denial rate (claims)", "percent"), Column("Denial rate ($)", "percent"))
    rows = [(by, s.key, s.label, s.denied_claims, s.denied_dollars, s.remitted_claims,
             s.remitted_dollars, s.count_rate, s.dollar_rate)
            for by in denials.BREAKDOWNS for s in denials.denial_breakdown(f, by)]
    return Table("Denials by category, payer, provider and code", cols, rows)


def _denial_reasons(f: ReportFilters) -> Table:
    cols = (Column("Reason (group-CARC)"), Column("Category"), Column("Denials", "int"),
            Column("Denied $", "money"))
    rows = [(r.carc, r.category_label, r.count, r.dollars)
            for r in denials.top_denial_reasons(f, n=50)]
    return Table("Top denial reasons", cols, rows)


def _aging(f: ReportFilters) -> Table:
    cols = (Column("Payer"), *(Column(b.label, "money") for b in BUCKETS), Column("Total", "money"))
    rows = [(r.label, *(r.buckets[b.key] for b in BUCKETS), r.total) for r in aging_report.aging(f)]
    return Table(f"A/R aging by date of service at {f.end.isoformat()}", cols, rows)


def _trend(f: ReportFilters) -> Table:
    cols = (Column("Month", "date"), Column("Charges", "money"), Column("Payments", "money"),
            Column("Claims remitted", "int"), Column("Claims denied", "int"),
            Column("Denial rate", "percent"), Column("Claims first submitted", "int"),
            Column("Clean claims", "int"), Column("Clean claim rate", "percent"),
            Column("A/R at month end", "money"), Column("Days in A/R", "days"))
    rows = [(p.month, p.charges, p.payments, p.claims_remitted, p.claims_denied, p.denial_rate,
             p.claims_submitted, p.claims_clean, p.clean_claim_rate, p.ar, p.days_in_ar)
            for p in trend.trend(f)]
    return Table("Monthly trend (12 months)", cols, rows)


def _underpayments(f: ReportFilters) -> Table:
    cols = (Column("Claim"), Column("Line control number"), Column("Date of service", "date"),
            Column("Payer"), Column("Code"), Column("Expected allowed", "money"),
            Column("Allowed", "money"), Column("Paid", "money"), Column("Patient share", "money"),
            Column("Short", "money"))
    lines = (line_money.compared_lines(f).filter(short__gt=Decimal(0))
             .values_list("claim__patient_control_number", "line_control_number", "date_of_service",
                          "claim__payer__name", "code", "expected", "allowed", "paid", "patient", "short")
             .order_by("claim__patient_control_number", "line_number"))
    return Table("Underpayments against the fee schedule", cols, [tuple(r) for r in lines])


def _allowed_by_code(f: ReportFilters) -> Table:
    cols = (Column("Payer"), Column("Code"), Column("Lines", "int"), Column("Paid", "money"),
            Column("Patient share", "money"), Column("Allowed", "money"),
            Column("Average allowed", "money"), Column("Average paid", "money"))
    cent = Decimal("0.01")
    rows = [(r["payer"], r["code"], r["lines"], r["paid"], r["patient"], r["allowed"],
             (r["allowed"] / r["lines"]).quantize(cent), (r["paid"] / r["lines"]).quantize(cent))
            for r in line_money.allowed_by_code(f) if r["lines"]]
    return Table("Average allowed and paid per code and payer", cols, rows)


def _work(f: ReportFilters) -> Table:
    cols = (Column("Section"), Column("Item"), Column("Count", "int"), Column("Amount", "money"))
    rows = [(w.section, w.label, w.count, w.amount) for w in work.work_summary(f)]
    return Table("Work done and pending", cols, rows)


REPORTS: dict[str, Report] = {r.name: r for r in (
    Report("kpis", "Key performance indicators", _kpis),
    Report("denials", "Denials by category, payer, provider and code", _denials),
    Report("denial-reasons", "Top denial reasons", _denial_reasons),
    Report("aging", "A/R aging", _aging),
    Report("trend", "Monthly trend", _trend),
    Report("underpayments", "Underpayments", _underpayments),
    Report("allowed-by-code", "Allowed and paid per code and payer", _allowed_by_code),
    Report("work", "Work done and pending", _work),
)}


def report_table(name: str, filters: ReportFilters) -> Table:
    try:
        report = REPORTS[name]
    except KeyError:
        raise KeyError(f"unknown report {name!r}; known: {', '.join(REPORTS)}") from None
    return report.build(filters)
