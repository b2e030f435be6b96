"""The monthly client report's layout: what a practice owner reads about their billing.

Pure layout over frozen facts (no database): ``reports.monthly`` gathers the figures and the
chart drawings, this module puts them on paper with the shared furniture of ``pdf.py``.

Sections, in the order an owner asks the questions (reference §12, "Revenue-cycle KPIs"):
1. KPIs against benchmarks: value, benchmark with its source, and a status word (Good /
   Watch / Below benchmark) in colour *and* in words, so a grey-scale print still reads.
2. Trends over 12 months: the charts (reportlab Drawings, the same ones the dashboard shows).
3. Top denial reasons with the dollars they hold.
4. Aging of open A/R by date-of-service bucket, per payer, with totals.
5. Work done this month and what is still pending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from bhbilling.documents.pdf import Letterhead, build_pdf, money, para, table

__all__ = ["AgingLine", "KpiLine", "MonthlyReport", "ReasonLine", "WorkLine", "render_monthly_report"]

STATUS_WORDS = {"good": "Good", "watch": "Watch", "bad": "Below benchmark", "": "—"}
STATUS_COLOURS = {
    "good": colors.HexColor("#1e7a4c"),
    "watch": colors.HexColor("#8a5a00"),
    "bad": colors.HexColor("#a4262c"),
}
WIDTH = 7.0 * inch  # US Letter less two 0.75 in margins


@dataclass(frozen=True, slots=True)
class KpiLine:
    label: str
    value: str  # already formatted ("96.40 %", "31.2 days", "n/a")
    benchmark: str
    source: str
    status: str  # "good", "watch", "bad" or "" (informational / n/a)


@dataclass(frozen=True, slots=True)
class ReasonLine:
    reason: str  # "CO-197: Precertification/authorization absent" or a category label
    count: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class AgingLine:
    payer: str
    buckets: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class WorkLine:
    label: str
    count: int
    amount: Decimal | None = None  # dollars where the item has them


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    letterhead: Letterhead
    month: dt.date  # any day of the month reported
    prepared_on: dt.date
    kpis: tuple[KpiLine, ...]
    charts: tuple[Flowable, ...] = ()
    denial_reasons: tuple[ReasonLine, ...] = ()
    aging_buckets: tuple[str, ...] = ()
    aging: tuple[AgingLine, ...] = ()
    work_done: tuple[WorkLine, ...] = ()
    work_pending: tuple[WorkLine, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"Monthly billing report, {self.month:%B %Y}"


def _kpi_table(kpis: Sequence[KpiLine]) -> Flowable:
    rows: list[list[object]] = [["KPI", "Value", "Benchmark", "Status"]]
    for k in kpis:
        rows.append(
            [
                para(k.label, "Small"),
                k.value,
                para(f"{k.benchmark}\nSource: {k.source}", "Small"),
                STATUS_WORDS.get(k.status, "—"),
            ]
        )
    t = table(rows, [1.6 * inch, 0.9 * inch, 3.4 * inch, 1.1 * inch], right=(1,))
    t.setStyle(
        [
            ("TEXTCOLOR", (3, i), (3, i), STATUS_COLOURS[k.status])
            for i, k in enumerate(kpis, 1)
            if k.status in STATUS_COLOURS
        ]
        + [("FONT", (3, 1), (3, -1), "Helvetica-Bold", 9)]
    )
    return t


def _reasons(reasons: Sequence[ReasonLine]) -> list[Flowable]:
    if not reasons:
        return [para("No denials in this month.", "Muted")]
    rows = [["Reason", "Claims/lines", "Dollars"]]
    rows += [[para(r.reason, "Small"), f"{r.count:,}", money(r.amount)] for r in reasons]
    rows.append(
        [
            "Total",
            f"{sum(r.count for r in reasons):,}",
            money(sum((r.amount for r in reasons), Decimal("0.00"))),
        ]
    )
    return [table(rows, [4.6 * inch, 1.0 * inch, 1.4 * inch], right=(1, 2), total_row=True)]


def _aging(buckets: Sequence[str], lines: Sequence[AgingLine]) -> list[Flowable]:
    if not lines:
        return [para("No open insurance or patient balances.", "Muted")]
    rows: list[list[object]] = [["Payer", *buckets, "Total"]]
    rows += [[para(a.payer, "Small"), *(money(b) for b in a.buckets), money(a.total)] for a in lines]
    totals = [sum((a.buckets[i] for a in lines), Decimal("0.00")) for i in range(len(buckets))]
    rows.append(["Total", *(money(t) for t in totals), money(sum(totals, Decimal("0.00")))])
    first = 1.6 * inch
    rest = (WIDTH - first) / (len(buckets) + 1)
    return [
        table(
            rows,
            [first] + [rest] * (len(buckets) + 1),
            right=tuple(range(1, len(buckets) + 2)),
            total_row=True,
        )
    ]


def _work(heading: str, work: Sequence[WorkLine]) -> Flowable:
    rows = [[heading, "Count", "Dollars"]]
    rows += [[para(w.label, "Small"), f"{w.count:,}", money(w.amount)] for w in work]
    return table(rows, [4.2 * inch, 1.2 * inch, 1.6 * inch], right=(1, 2))


def _section(title: str, body: Sequence[Flowable]) -> list[Flowable]:
    return [CondPageBreak(1.5 * inch), para(title, "Heading2"), *body, Spacer(1, 8)]


def render_monthly_report(report: MonthlyReport) -> bytes:
    """The report as PDF bytes (US Letter, letterhead on page 1, footer on every page)."""
    story: list[Flowable] = [
        para(report.title, "Title"),
        para(f"{report.letterhead.name} · prepared {report.prepared_on:%m/%d/%Y}", "Muted"),
        Spacer(1, 6),
        *_section("Key figures against benchmarks", [_kpi_table(report.kpis)]),
    ]
    if report.charts:
        story += [CondPageBreak(3 * inch), para("Trends over the last 12 months", "Heading2")]
        story += [KeepTogether([chart, Spacer(1, 6)]) for chart in report.charts]
    story += _section("Top denial reasons", _reasons(report.denial_reasons))
    story += _section(
        "Open A/R by age (date of service) and payer", _aging(report.aging_buckets, report.aging)
    )
    story += _section(
        "Work done and pending",
        [_work("Done in the month", report.work_done), Spacer(1, 6), _work("Pending", report.work_pending)],
    )
    if report.notes:
        story += _section("Notes", [para(n, "Small") for n in report.notes])
    return build_pdf(report.title, story, letterhead=report.letterhead)
