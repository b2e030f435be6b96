"""KPIs that count claims or average days: clean claims, first pass, denial rate, lags, auth rate.

Each function answers ``(numerator, denominator)`` from one aggregate query over the claim
sets in ``claim_sets`` (the drill-down lists the same rows). Day differences are computed in
SQL (date minus date) and summed as a duration, then turned into whole days.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncDate

from bhbilling.app import models as m
from bhbilling.reports import claim_sets, scope
from bhbilling.reports.filters import Parts, ReportFilters

__all__ = ["authorization_rate", "charge_lag", "charge_lag_claims", "claim_lag",
           "claim_lag_claims", "clean_claim_rate", "denial_rate_count", "denial_rate_dollars",
           "first_pass_resolution_rate", "payment_lag_claims", "submission_to_payment_lag"]

ZERO = Decimal("0.00")


def _days(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def _whole_days(total: dt.timedelta | None) -> Decimal:
    return Decimal(total.days if total else 0)


def clean_claim_rate(f: ReportFilters) -> Parts:
    row = claim_sets.first_submitted(f).aggregate(
        d=Count("id"), n=Count("id", filter=claim_sets.CLEAN_Q))
    return Decimal(row["n"]), Decimal(row["d"])


def first_pass_resolution_rate(f: ReportFilters) -> Parts:
    row = claim_sets.adjudicated(f).aggregate(d=Count("id"), n=Count("id", filter=claim_sets.FIRST_PASS_Q))
    return Decimal(row["n"]), Decimal(row["d"])


def denial_rate_count(f: ReportFilters) -> Parts:
    denied = claim_sets.with_denial(f).count()
    return Decimal(denied), Decimal(claim_sets.remitted(f).count())


def denial_rate_dollars(f: ReportFilters) -> Parts:
    remitted = scope.payments(f).aggregate(s=Sum("charge"))["s"] or ZERO
    denied = (m.Denial.unscoped.filter(payment__in=scope.payments(f)).aggregate(s=Sum("amount"))["s"]
              or ZERO)
    return denied, remitted


def _primary_originals(qs: QuerySet[m.Claim]) -> QuerySet[m.Claim]:
    """Lags measure the first claim for a service: no corrections, voids or secondary claims."""
    return qs.filter(frequency_code="1", prior_payer_claim__isnull=True)


def charge_lag_claims(f: ReportFilters) -> QuerySet[m.Claim]:
    """Original primary claims created in the period, with ``lag`` = created date - DOS."""
    lo, hi = scope.day_range(f.start, f.end)
    return (_primary_originals(scope.claims(f)).filter(created_at__gte=lo, created_at__lt=hi)
            .annotate(dos=scope.claim_dos())
            .annotate(lag=_days(TruncDate("created_at"), F("dos"))))


def claim_lag_claims(f: ReportFilters) -> QuerySet[m.Claim]:
    """Original primary claims first submitted in the period, ``lag`` = submission date - DOS."""
    return (_primary_originals(claim_sets.first_submitted(f))
            .annotate(dos=scope.claim_dos(), first_sub=scope.first_submission_at())
            .annotate(lag=_days(TruncDate("first_sub", output_field=DateField()), F("dos"))))


def payment_lag_claims(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims whose first 835 came in the period, ``lag`` = its payment date - first submission."""
    first_paid = (scope.payments(f).exclude(scope.earlier_payment())
                  .filter(claim_id=OuterRef("pk")).values("remittance__payment_date")[:1])
    return (claim_sets.adjudicated(f)
            .annotate(first_sub=scope.first_submission_at(),
                      paid_on=Subquery(first_paid, output_field=DateField()))
            .filter(first_sub__isnull=False)
            .annotate(lag=_days(F("paid_on"), TruncDate("first_sub", output_field=DateField()))))


def _lag(qs: QuerySet[m.Claim]) -> Parts:
    row = qs.aggregate(total=Sum("lag"), n=Count("id"))
    return _whole_days(row["total"]), Decimal(row["n"])


def charge_lag(f: ReportFilters) -> Parts:
    return _lag(charge_lag_claims(f))


def claim_lag(f: ReportFilters) -> Parts:
    return _lag(claim_lag_claims(f))


def submission_to_payment_lag(f: ReportFilters) -> Parts:
    return _lag(payment_lag_claims(f))


def authorization_rate(f: ReportFilters) -> Parts:
    row = claim_sets.auth_needed(f).aggregate(
        d=Count("id"), n=Count("id", filter=~Q(prior_authorization="") & Q(auth_denied=False)))
    return Decimal(row["n"]), Decimal(row["d"])
