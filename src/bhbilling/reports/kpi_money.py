"""KPIs read from the ledger and payments: days in A/R, aged A/R, collection rates, underpayments,
patient collections, authorization use.

The ledger is the source of truth for money (``app.balances``): A/R is the debit-minus-credit
sum of accounts 1100 (insurance) and 1200 (patient) on entries linked to claims, effective on
or before a date; charges are account 4000 credits net of debits (a corrected claim's reversed
charges net out); payments are account 1000 (cash clearing) debits net of credits (refunds,
recoupments and reversals net out). Entry keys tell the source: ``charge:`` claim charges
(effective on the date of service), ``era:`` 835 postings (effective on the payment date),
``cob:`` a patient share moved to the next payer.

A/R counts claim-linked entries only (a patient payment kept on account, not applied to a
claim, is not in it), so every A/R figure can be listed claim by claim.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl
from bhbilling.reports import line_money, scope
from bhbilling.reports.filters import Parts, ReportFilters

__all__ = ["AR_ACCOUNTS", "aged_cutoff", "ar_kpis", "ar_over_90_share", "authorization_rows",
           "authorization_use", "authorizations_in", "collection_kpis", "collection_lines", "days_in_ar",
           "gross_collection_rate", "net_collection_rate", "patient_collection_rate", "patient_payments",
           "patient_share_lines", "underpayment_rate"]

ZERO = Decimal("0.00")
AR_ACCOUNTS = (dl.INSURANCE_AR, dl.PATIENT_AR)
MONEY = DecimalField(max_digits=14, decimal_places=2)
WINDOW_DAYS = 90
PATIENT_SHARE_SOURCES = ("era:", "charge:", "cob:")


def net_debit(filter_q: Q | None = None):
    """Sum(debit) - Sum(credit), as money, optionally over the lines matching ``filter_q``."""
    return Coalesce(Sum(F("debit") - F("credit"), filter=filter_q, output_field=MONEY),
                    Value(ZERO), output_field=MONEY)


def ar_lines(f: ReportFilters, as_of: dt.date | None = None) -> QuerySet[m.JournalLine]:
    return scope.journal_lines(f, AR_ACCOUNTS).filter(entry__effective_date__lte=as_of or f.end)


def charge_lines(f: ReportFilters, end: dt.date | None = None) -> QuerySet[m.JournalLine]:
    """Gross-charge lines of the 90 days ending on ``end`` (the days-in-A/R denominator)."""
    end = end or f.end
    return scope.journal_lines(f, (dl.GROSS_CHARGES,)).filter(
        entry__effective_date__gt=end - dt.timedelta(days=WINDOW_DAYS), entry__effective_date__lte=end)


def days_in_ar(f: ReportFilters, end: dt.date | None = None) -> Parts:
    """(A/R at end, gross charges of the 90 days to end); value = A/R * 90 / charges."""
    ar = ar_lines(f, end).aggregate(s=net_debit())["s"]
    charges = -charge_lines(f, end).aggregate(s=net_debit())["s"]
    return ar, charges


def aged_cutoff(end: dt.date) -> dt.date:
    """Latest date of service that is more than 90 days old on ``end`` (bucket 91-120 starts at 91)."""
    return end - dt.timedelta(days=WINDOW_DAYS + 1)


def ar_over_90_share(f: ReportFilters) -> Parts:
    row = (ar_lines(f).annotate(dos=scope.claim_dos("claim__"))
           .aggregate(total=net_debit(), old=net_debit(Q(dos__lte=aged_cutoff(f.end)))))
    return row["old"], row["total"]


def ar_kpis(f: ReportFilters) -> dict[str, Parts]:
    """Days in A/R and A/R over 90 days from one A/R query (the dashboard wants both)."""
    row = (ar_lines(f).annotate(dos=scope.claim_dos("claim__"))
           .aggregate(total=net_debit(), old=net_debit(Q(dos__lte=aged_cutoff(f.end)))))
    charges = -charge_lines(f).aggregate(s=net_debit())["s"]
    return {"days_in_ar": (row["total"], charges), "ar_over_90_share": (row["old"], row["total"])}


def collection_lines(f: ReportFilters) -> QuerySet[m.JournalLine]:
    """Ledger lines (to ``today``) on claims whose date of service is in the period."""
    lines = m.JournalLine.unscoped.filter(
        practice_id__in=f.practice_ids, entry__practice_id__in=f.practice_ids,
        entry__effective_date__lte=f.today,
        claim_id__in=scope.dos_in(f).values("pk"))
    return lines.filter(account__code__in=(dl.CASH_CLEARING, dl.GROSS_CHARGES, dl.CONTRACTUAL_ADJUSTMENTS))


def _collections(f: ReportFilters) -> dict[str, Decimal]:
    return collection_lines(f).aggregate(
        cash=net_debit(Q(account__code=dl.CASH_CLEARING)),
        charges=net_debit(Q(account__code=dl.GROSS_CHARGES)),
        contractual=net_debit(Q(account__code=dl.CONTRACTUAL_ADJUSTMENTS)))


def net_collection_rate(f: ReportFilters) -> Parts:
    row = _collections(f)
    return row["cash"], -row["charges"] - row["contractual"]


def collection_kpis(f: ReportFilters) -> dict[str, Parts]:
    """Net and gross collection rates from one query."""
    row = _collections(f)
    return {"net_collection_rate": (row["cash"], -row["charges"] - row["contractual"]),
            "gross_collection_rate": (row["cash"], -row["charges"])}


def gross_collection_rate(f: ReportFilters) -> Parts:
    row = _collections(f)
    return row["cash"], -row["charges"]


def underpayment_rate(f: ReportFilters) -> Parts:
    # aggregate aliases must differ from the annotation names they sum (Django replaces those)
    row = line_money.compared_lines(f).aggregate(total_short=Sum("short"), total_expected=Sum("expected"))
    return row["total_short"] or ZERO, row["total_expected"] or ZERO


def patient_payments(f: ReportFilters) -> QuerySet[m.PatientPayment]:
    """Patient payments (kind payment) received in the period; with a payer or provider filter
    only payments applied to a claim of that payer/provider."""
    return m.PatientPayment.unscoped.filter(
        scope.claim_q(f, "claim__"), practice_id__in=f.practice_ids, kind=m.PaymentKind.PAYMENT,
        received_on__gte=f.start, received_on__lte=f.end)


def patient_share_lines(f: ReportFilters) -> QuerySet[m.JournalLine]:
    """Patient A/R (1200) lines that assign responsibility: 835 patient shares, charges billed
    to the patient, shares moved on to a next payer (negative), in the period."""
    keys = Q()
    for prefix in PATIENT_SHARE_SOURCES:
        keys |= Q(entry__entry_key__startswith=prefix)
    return scope.journal_lines(f, (dl.PATIENT_AR,)).filter(
        keys, entry__effective_date__gte=f.start, entry__effective_date__lte=f.end)


def patient_collection_rate(f: ReportFilters) -> Parts:
    paid = patient_payments(f).aggregate(s=Sum("amount"))["s"] or ZERO
    assigned = patient_share_lines(f).aggregate(s=net_debit())["s"]
    return paid, assigned


def _authorized(model_prefix: str) -> Q:
    """Claims drawing on the outer authorization: its number, patient, payer; primary originals
    and corrections still standing (not voided, not closed by a correction or void)."""
    p = model_prefix
    return Q(**{f"{p}practice_id": OuterRef("practice_id"), f"{p}patient_id": OuterRef("patient_id"),
                f"{p}payer_id": OuterRef("payer_id"), f"{p}prior_authorization": OuterRef("number"),
                f"{p}frequency_code__in": ("1", "7"), f"{p}prior_payer_claim__isnull": True}) & ~Q(
        **{f"{p}state__in": ("voided", "closed")})


def authorized_claims() -> QuerySet[m.Claim]:
    """Claims (in an Authorization query) counted against it, one per session date covered."""
    return (m.Claim.unscoped.filter(_authorized(""))
            .filter(session__date_of_service__gte=OuterRef("starts_on"),
                    session__date_of_service__lte=OuterRef("ends_on")))


def authorized_lines() -> QuerySet[m.ClaimLine]:
    """Claim lines (in an Authorization query) whose units count against it."""
    return (m.ClaimLine.unscoped.filter(_authorized("claim__"))
            .filter(date_of_service__gte=OuterRef("starts_on"), date_of_service__lte=OuterRef("ends_on")))


def authorization_rows(f: ReportFilters) -> QuerySet[m.Authorization]:
    """Authorizations overlapping the period (payer filter: theirs; provider filter: those
    limited to that provider)."""
    q = Q(practice_id__in=f.practice_ids, starts_on__lte=f.end, ends_on__gte=f.start)
    if f.payer_id is not None:
        q &= Q(payer_id=f.payer_id)
    if f.provider_id is not None:
        q &= Q(provider_id=f.provider_id)
    return m.Authorization.unscoped.filter(q)


def authorizations_in(f: ReportFilters) -> QuerySet[m.Authorization]:
    """Authorizations overlapping the period, each annotated with ``used`` units: claims carrying
    its number for its patient and payer on a date it covers (primary originals and their
    corrections, not voided or closed): one unit per claim for visit and day units, the claim
    lines' units for 15-minute units. A provider filter keeps authorizations limited to that
    provider."""
    visits = (authorized_claims().order_by().values("payer_id")
              .annotate(n=Count("id")).values("n"))
    units = (authorized_lines().order_by().values("claim__payer_id")
             .annotate(u=Sum("units")).values("u"))
    return authorization_rows(f).annotate(used=Case(
        When(unit_type=m.UnitType.MINUTES_15,
             then=Coalesce(Subquery(units, output_field=MONEY), Value(ZERO))),
        default=Coalesce(Subquery(visits, output_field=MONEY), Value(ZERO)),
        output_field=MONEY))


def authorization_use(f: ReportFilters) -> Parts:
    row = authorizations_in(f).aggregate(total_used=Sum("used"), total_approved=Sum("units_approved"))
    return row["total_used"] or ZERO, row["total_approved"] or ZERO
