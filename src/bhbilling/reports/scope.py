"""The rows a report may read, from one ``ReportFilters``: claims, ledger lines, payments.

Why one place: every KPI, its drill-down and every export must apply the same practice,
payer, provider and date rules, or a drill-down list would not add up to its figure.

- Claims are limited to ``practice_ids`` (tenancy) and, when given, to the claim's payer
  and rendering provider.
- Date ranges on timestamps (state history, claim creation) are turned into half-open
  ``[start 00:00, end+1 00:00)`` ranges in the current time zone, so an index on the
  timestamp serves them (no ``::date`` cast on the column).
- A claim's date of service is its session's date (one claim per session); a claim made
  without a session falls back to its earliest line's date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.reports.filters import ReportFilters

__all__ = [
    "ACCEPTED_STATES",
    "ZERO",
    "ReportFilters",
    "account_ids",
    "account_q",
    "claim_dos",
    "claim_q",
    "claims",
    "day_range",
    "dos_in",
    "earlier_payment",
    "first_submission_at",
    "journal_lines",
    "payments",
    "rejected",
]

ZERO = Decimal("0.00")

#: states that mean the payer took the claim into adjudication
ACCEPTED_STATES = ("accepted", "paid", "partially_paid", "denied", "appealed")


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, day after end 00:00) as aware datetimes in the current time zone."""
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def claim_q(f: ReportFilters, prefix: str = "") -> Q:
    """The payer and provider conditions on the claim at ``prefix`` (e.g. 'claim__'); the
    practice condition goes on each row's own ``practice_id`` (every row has one, indexed)."""
    q = Q()
    if f.payer_id is not None:
        q &= Q(**{f"{prefix}payer_id": f.payer_id})
    if f.provider_id is not None:
        q &= Q(**{f"{prefix}rendering_provider_id": f.provider_id})
    return q


def claims(f: ReportFilters) -> QuerySet[m.Claim]:
    """The claims of the filter's practices, payer and provider (no date condition)."""
    return m.Claim.unscoped.filter(claim_q(f), practice_id__in=f.practice_ids)


def claim_dos(prefix: str = ""):
    """Expression: the claim's date of service (``prefix`` is the path to the claim, e.g. 'claim__')."""
    first_line = (m.ClaimLine.unscoped.filter(claim_id=OuterRef(f"{prefix}id" if prefix else "id"))
                  .order_by("date_of_service").values("date_of_service")[:1])
    return Coalesce(F(f"{prefix}session__date_of_service"), Subquery(first_line),
                    output_field=DateField())


def dos_in(f: ReportFilters, start: dt.date | None = None, end: dt.date | None = None) -> QuerySet[m.Claim]:
    """Claims (originals, replacements, secondaries; not voids) with a date of service in range."""
    return (claims(f).exclude(frequency_code="8").annotate(dos=claim_dos())
            .filter(dos__gte=start or f.start, dos__lte=end or f.end))


def first_submission_at():
    """Subquery: when the claim first moved to 'submitted' (its first 837P)."""
    return Subquery(m.ClaimStateChange.unscoped.filter(claim_id=OuterRef("pk"), to_state="submitted")
                    .order_by("at").values("at")[:1])


def rejected():
    """Exists: the claim was ever rejected (999 or 277CA)."""
    return Exists(m.ClaimStateChange.unscoped.filter(claim_id=OuterRef("pk"), to_state="rejected"))


def payments(f: ReportFilters, start: dt.date | None = None,
             end: dt.date | None = None) -> QuerySet[m.ClaimPayment]:
    """Matched claim payments (835 CLPs, not reversals) paid in the range, for the filter's claims."""
    q = Q(practice_id__in=f.practice_ids, claim__isnull=False,
          remittance__payment_date__gte=start or f.start, remittance__payment_date__lte=end or f.end)
    return m.ClaimPayment.unscoped.filter(q, claim_q(f, "claim__")).exclude(status_code="22")


def earlier_payment():
    """Exists: the claim payment's claim had an earlier 835 payment (not a reversal), so this one
    is not the claim's first adjudication; the first posted is the first received."""
    return Exists(m.ClaimPayment.unscoped.filter(claim_id=OuterRef("claim_id"), id__lt=OuterRef("id"))
                  .exclude(status_code="22"))


def account_ids(f: ReportFilters, codes: tuple[str, ...] | str) -> list[int]:
    """The ids of the practices' ledger accounts with these codes (one small query), so ledger
    queries filter ``account_id IN (...)`` instead of joining the chart of accounts: PostgreSQL
    then estimates the line counts right and picks hash joins over a million-claim ledger."""
    codes = (codes,) if isinstance(codes, str) else codes
    return list(m.LedgerAccount.unscoped.filter(practice_id__in=f.practice_ids, code__in=codes)
                .order_by("id").values_list("id", flat=True))


def account_q(f: ReportFilters, codes: tuple[str, ...] | str, prefix: str = "") -> Q:
    """Q: the line at ``prefix`` is on one of the practices' accounts with these codes."""
    return Q(**{f"{prefix}account_id__in": account_ids(f, codes)})


def journal_lines(f: ReportFilters, accounts: tuple[str, ...], *,
                  claim_linked: bool = True) -> QuerySet[m.JournalLine]:
    """Ledger lines on the given accounts for the filter's practices (and claims' payer/provider)."""
    # the entry's practice too: lets PostgreSQL read entries by (practice, effective_date)
    q = (Q(practice_id__in=f.practice_ids, entry__practice_id__in=f.practice_ids)
         & account_q(f, accounts) & claim_q(f, "claim__"))
    if claim_linked:
        q &= Q(claim_id__isnull=False)
    return m.JournalLine.unscoped.filter(q)
