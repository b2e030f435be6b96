"""The dashboard's and the monthly report's charts, built from the report queries' results.

One place decides what each chart shows, so the web page and the PDF draw the same figures:
- "Charges vs payments" (grouped bars, 12 months): gross charges by date of service and cash
  received by payment date (``trend.TrendPoint``);
- "Denial and clean-claim rates" (lines, 12 months, %);
- "Days in A/R" (line, at each month end);
- "Open A/R by age" (stacked bars per payer, one segment per date-of-service bucket);
- "Top denial reasons" (bars, denied dollars per group-CARC).

``link(kpi_key, part, start, end, payer_id)`` (optional) gives each bar or point the URL of the
claims behind it; None means that figure has no claim list (see docs/dashboard.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bhbilling.domain.receivables.aging import BUCKETS
from bhbilling.reports import charts
from bhbilling.reports.aging import AgingRow
from bhbilling.reports.charts import ChartData, ChartDrawing, Series
from bhbilling.reports.denials import DenialReason
from bhbilling.reports.trend import TrendPoint

__all__ = ["Link", "aging_chart", "denial_reasons_chart", "month_end", "trend_charts"]

Link = Callable[[str, str, dt.date, dt.date, int | None], str | None]


def month_end(start: dt.date, cap: dt.date) -> dt.date:
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return min(following - dt.timedelta(days=1), cap)


def _links(
    link: Link | None, points: Sequence[TrendPoint], key: str, part: str, end: dt.date, payer_id: int | None
) -> tuple[str, ...]:
    if link is None:
        return ()
    urls = tuple(link(key, part, p.month, month_end(p.month, end), payer_id) for p in points)
    return urls if all(urls) else ()


def trend_charts(
    points: Sequence[TrendPoint],
    end: dt.date,
    *,
    link: Link | None = None,
    payer_id: int | None = None,
    width: float = 480,
    height: float = 200,
) -> list[ChartDrawing]:
    """Three trend charts over the points' months (charges vs payments, rates, days in A/R)."""
    months = tuple(f"{p.month:%b %y}" for p in points)
    money = ChartData(
        "Charges vs payments by month",
        months,
        (
            Series(
                "Charges (by date of service)",
                tuple(p.charges for p in points),
                _links(link, points, "gross_collection_rate", "denominator", end, payer_id),
            ),
            Series("Payments received", tuple(p.payments for p in points)),
        ),
        "$",
    )
    rates = ChartData(
        "Denial rate and clean-claim rate",
        months,
        (
            Series(
                "Denial rate (claims)",
                tuple(p.denial_rate for p in points),
                _links(link, points, "denial_rate_count", "numerator", end, payer_id),
            ),
            Series(
                "Clean-claim rate",
                tuple(p.clean_claim_rate for p in points),
                _links(link, points, "clean_claim_rate", "numerator", end, payer_id),
            ),
        ),
        "%",
    )
    days = ChartData(
        "Days in A/R at month end",
        months,
        (
            Series(
                "Days in A/R",
                tuple(p.days_in_ar for p in points),
                _links(link, points, "days_in_ar", "numerator", end, payer_id),
            ),
        ),
        "days",
    )
    return [
        charts.bar_chart(money, width=width, height=height),
        charts.line_chart(rates, width=width, height=height),
        charts.line_chart(days, width=width, height=height),
    ]


def aging_chart(rows: Sequence[AgingRow], *, width: float = 480, height: float = 200) -> ChartDrawing | None:
    """Open A/R per payer (and the patients' row), stacked by date-of-service bucket."""
    rows = [r for r in rows if r.label != "Total"]
    if not rows:
        return None
    data = ChartData(
        "Open A/R by age of service",
        tuple(r.label for r in rows),
        tuple(Series(f"{b.label} days", tuple(r.buckets[b.key] for r in rows)) for b in BUCKETS),
        "$",
    )
    return charts.stacked_bar_chart(data, width=width, height=height)


def denial_reasons_chart(
    reasons: Sequence[DenialReason], *, width: float = 480, height: float = 200
) -> ChartDrawing | None:
    """Denied dollars per reason (group-CARC), largest first."""
    if not reasons:
        return None
    data = ChartData(
        "Top denial reasons (denied dollars)",
        tuple(r.carc for r in reasons),
        (Series("Denied dollars", tuple(r.dollars for r in reasons)),),
        "$",
    )
    return charts.bar_chart(data, width=width, height=height)
