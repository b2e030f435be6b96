"""A/R aging at the end date, by date of service, per payer (insurance A/R) plus the patients' row.

Buckets are ``domain.receivables.aging.BUCKETS`` (0-30, 31-60, 61-90, 91-120, 120+): the age
is end date minus the claim's date of service (reference §12 "Aged A/R", HFMA AR-1 ages
billed A/R; we age by service date as the issue asks). Insurance A/R (1100) is owed by the
claim's payer; patient A/R (1200) on claims is one "Patient responsibility" row. One
grouped SQL query: each bucket is a conditional sum over a date-of-service range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl
from bhbilling.domain.receivables.aging import BUCKETS, Bucket
from bhbilling.reports import kpi_money, scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["PATIENT_ROW", "AgingRow", "aging", "bucket_dates"]

ZERO = Decimal("0.00")
PATIENT_ROW = "Patient responsibility"


@dataclass(frozen=True, slots=True)
class AgingRow:
    payer_id: int | None  # None for the patient row and for the total
    label: str
    buckets: dict[str, Decimal] = field(default_factory=dict)  # bucket key -> amount

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


def bucket_dates(bucket: Bucket, end: dt.date) -> Q:
    """Dates of service whose age on ``end`` falls in the bucket (future dates count as 0 days)."""
    q = Q(dos__lte=end - dt.timedelta(days=bucket.low)) if bucket.low > 0 else Q()
    if bucket.high is not None:
        q &= Q(dos__gte=end - dt.timedelta(days=bucket.high))
    return q


def aging(f: ReportFilters) -> list[AgingRow]:
    """Rows per payer (insurance A/R), then the patient row, then a "Total" row; rows whose
    every bucket is zero are left out."""
    sums = {b.key: kpi_money.net_debit(bucket_dates(b, f.end)) for b in BUCKETS}
    rows = (kpi_money.ar_lines(f).annotate(dos=scope.claim_dos("claim__"))
            .values("account__code", "claim__payer_id").annotate(**sums)
            .order_by("account__code", "claim__payer_id"))
    payers: dict[int | None, dict[str, Decimal]] = {}
    patient = {b.key: ZERO for b in BUCKETS}
    for r in rows:
        if r["account__code"] == dl.PATIENT_AR:
            for b in BUCKETS:
                patient[b.key] += r[b.key]
        else:
            payers[r["claim__payer_id"]] = {b.key: r[b.key] for b in BUCKETS}
    names = dict(m.Payer.unscoped.filter(id__in=[k for k in payers if k]).values_list("id", "name"))
    out = [AgingRow(pid, names.get(pid, "(no payer)"), b) for pid, b in payers.items()]
    out.sort(key=lambda r: (r.label, r.payer_id or 0))
    out.append(AgingRow(None, PATIENT_ROW, patient))
    out = [r for r in out if any(r.buckets.values())]
    out.append(AgingRow(None, "Total", {b.key: sum((r.buckets[b.key] for r in out), ZERO)
                                        for b in BUCKETS}))
    return out
