"""The claim sets behind the claim-counting KPIs, as querysets (the KPI and its drill-down share them).

Each function returns the denominator's claims; ``*_Q`` conditions pick the numerator among
them. Counting is then one ``aggregate`` with a conditional ``Count``, and the drill-down is
the same queryset filtered, so the list a figure links to always has its count.

Definitions (reference §12; the formula text shown on screen is in ``domain.kpis``):
- First submitted in the period: the claim's first move to 'submitted' (its first 837P) is
  in the range; voids (frequency 8) are not claims for payment and are left out.
- Clean: a first-submitted claim that is an original (frequency 1, not a correction), was
  never rejected (999/277CA) and was taken into adjudication (accepted, paid, partly paid,
  denied or appealed). Acceptance by the clearinghouse alone (999) is not "clean" (§12).
- Adjudicated in the period: the claim's first 835 claim payment (first posted, not a
  reversal) has its payment date in the range.
- First-pass resolved: that first payment paid something or moved a share to the patient,
  carries no denial and is not CLP02 4, on an original claim never rejected.
- Remitted in the period: any 835 claim payment (not a reversal) paid in the range.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from bhbilling.app import models as m
from bhbilling.reports import scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["AUTH_DENIED", "CLEAN_Q", "FIRST_PASS_Q", "adjudicated", "auth_needed", "first_submitted",
           "remitted", "with_denial"]

AUTHORIZATION_CATEGORY = "authorization"


def _accepted():
    return Exists(m.ClaimStateChange.unscoped.filter(claim_id=OuterRef("pk"),
                                                      to_state__in=scope.ACCEPTED_STATES))


def first_submitted(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims whose first 837P submission falls in the period (no voids)."""
    lo, hi = scope.day_range(f.start, f.end)
    practices = list(f.practice_ids)
    in_period = m.ClaimStateChange.unscoped.filter(practice_id__in=practices, to_state="submitted",
                                                   at__gte=lo, at__lt=hi).values("claim_id")
    earlier = m.ClaimStateChange.unscoped.filter(claim_id=OuterRef("pk"), to_state="submitted",
                                                 at__lt=lo)
    return (scope.claims(f).exclude(frequency_code="8").filter(pk__in=in_period)
            .exclude(Exists(earlier))
            .annotate(was_rejected=scope.rejected(), was_accepted=_accepted()))


CLEAN_Q = Q(frequency_code="1", was_rejected=False, was_accepted=True)


def _first_payments(f: ReportFilters) -> QuerySet[m.ClaimPayment]:
    return scope.payments(f).exclude(scope.earlier_payment())


def adjudicated(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims whose first 835 came in the period, annotated with that payment's outcome."""
    firsts = _first_payments(f)
    clean_first = (firsts.filter(claim_id=OuterRef("pk")).exclude(status_code="4")
                   .filter(Q(paid__gt=0) | Q(patient_responsibility__gt=0))
                   .exclude(Exists(m.Denial.unscoped.filter(payment_id=OuterRef("pk")))))
    return (scope.claims(f).filter(pk__in=firsts.values("claim_id"))
            .annotate(was_rejected=scope.rejected(), first_resolved=Exists(clean_first)))


FIRST_PASS_Q = Q(frequency_code="1", was_rejected=False, first_resolved=True)


def remitted(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims with an 835 claim payment (not a reversal) paid in the period."""
    return scope.claims(f).filter(pk__in=scope.payments(f).values("claim_id"))


def with_denial(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims with a denial on an 835 claim payment paid in the period."""
    denied = m.Denial.unscoped.filter(payment__in=scope.payments(f)).values("claim_id")
    return scope.claims(f).filter(pk__in=denied)


AUTH_DENIED = Exists(m.Denial.unscoped.filter(claim_id=OuterRef("pk"),
                                              category=AUTHORIZATION_CATEGORY))


def auth_needed(f: ReportFilters) -> QuerySet[m.Claim]:
    """First-submitted claims known to need an authorization: they carried a number (REF*G1)
    or the payer denied them for a missing or exceeded one (denial category 'authorization')."""
    return (first_submitted(f).annotate(auth_denied=AUTH_DENIED)
            .filter(~Q(prior_authorization="") | Q(auth_denied=True)))
