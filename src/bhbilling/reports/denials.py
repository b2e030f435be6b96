"""Denials in a period: top reasons (CARC) with dollars, and breakdowns by category, payer,
provider and procedure code.

Denials are counted by the payment date of the 835 that carried them (HFMA AR-5 counts
denials among claims remitted in the period, reference §12). A denial's reason is its first
CARC with its group code (e.g. CO-197); its category is the root cause set at posting
(``domain.denials.Category``; blank until categorised shows as "Other / unclassified").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform

from bhbilling.app import models as m
from bhbilling.domain.denials import Category
from bhbilling.domain.kpis import ratio_value
from bhbilling.reports import scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["BREAKDOWNS", "DenialReason", "DenialSlice", "denial_breakdown", "denials_in",
           "top_denial_reasons"]

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
BREAKDOWNS = ("category", "payer", "provider", "code")


@dataclass(frozen=True, slots=True)
class DenialReason:
    carc: str  # "CO-197"
    category: str  # category key
    category_label: str
    count: int
    dollars: Decimal


@dataclass(frozen=True, slots=True)
class DenialSlice:
    """One row of a breakdown; the rates are of the slice's own remitted claims/dollars for
    payer and provider, of all remitted claims/dollars for category and code."""

    key: str
    label: str
    denied_claims: int
    denied_dollars: Decimal
    remitted_claims: int
    remitted_dollars: Decimal

    @property
    def count_rate(self) -> Decimal | None:
        return ratio_value(Decimal(self.denied_claims), Decimal(self.remitted_claims), HUNDRED)

    @property
    def dollar_rate(self) -> Decimal | None:
        return ratio_value(self.denied_dollars, self.remitted_dollars, HUNDRED)


def denials_in(f: ReportFilters) -> QuerySet[m.Denial]:
    """Denials on 835 claim payments (not reversals) paid in the period, for the filter's claims."""
    return m.Denial.unscoped.filter(payment__in=scope.payments(f))


def _category_label(key: str) -> str:
    try:
        return Category(key).label
    except ValueError:
        return Category.OTHER.label


def top_denial_reasons(f: ReportFilters, n: int = 10) -> list[DenialReason]:
    """The n reasons (group + first CARC, with category) with the most denied dollars."""
    rows = (denials_in(f).annotate(carc=KeyTextTransform("0", "reason_codes"))
            .values("group_code", "carc", "category")
            .annotate(count=Count("id"), dollars=Sum("amount"))
            .order_by("-dollars", "-count", "group_code", "carc", "category")[:n])
    return [DenialReason(f"{r['group_code']}-{r['carc'] or '?'}", r["category"] or Category.OTHER.value,
                         _category_label(r["category"]), r["count"], r["dollars"] or ZERO)
            for r in rows]


_GROUPS = {"category": "category", "code": "procedure_code", "payer": "claim__payer_id",
           "provider": "claim__rendering_provider_id"}


def _labels(by: str, keys: list) -> dict:
    ids = [k for k in keys if k is not None]
    if by == "payer":
        return dict(m.Payer.unscoped.filter(id__in=ids).values_list("id", "name"))
    if by == "provider":
        return {p.id: f"{p.first_name} {p.last_name}" for p in m.Provider.unscoped.filter(id__in=ids)}
    if by == "category":
        return {k: _category_label(k) for k in keys}
    return {k: k or "(claim level)" for k in keys}


def _remitted_by(f: ReportFilters, field: str | None) -> dict:
    """Remitted claims and dollars per payer/provider (field on ClaimPayment), or in total."""
    payments = scope.payments(f)
    if field is None:
        row = payments.aggregate(c=Count("claim_id", distinct=True), d=Sum("charge"))
        return {None: (row["c"], row["d"] or ZERO)}
    rows = payments.values(field).annotate(c=Count("claim_id", distinct=True), d=Sum("charge")).order_by()
    return {r[field]: (r["c"], r["d"] or ZERO) for r in rows}


def denial_breakdown(f: ReportFilters, by: str) -> list[DenialSlice]:
    """Denied claims and dollars per category, payer, provider or code, largest dollars first."""
    if by not in _GROUPS:
        raise ValueError(f"breakdown must be one of {', '.join(BREAKDOWNS)}, not {by!r}")
    field = _GROUPS[by]
    rows = list(denials_in(f).values(field)
                .annotate(claims=Count("claim_id", distinct=True), dollars=Sum("amount"))
                .order_by("-dollars", field))
    per_slice = by in ("payer", "provider")
    remitted = _remitted_by(f, field if per_slice else None)
    labels = _labels(by, [r[field] for r in rows])
    out = []
    for r in rows:
        key = r[field]
        claims, dollars = remitted.get(key if per_slice else None, (0, ZERO))
        out.append(DenialSlice("-" if key in (None, "") else str(key), labels.get(key) or "(none)",
                               r["claims"], r["dollars"] or ZERO, claims, dollars))
    return out

