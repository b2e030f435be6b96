"""What the billing team did in the period and what is still pending, for the monthly report.

Done in the period (by the dates the rows carry): claims submitted (first or again: claims
that moved to 'submitted'), 835 claim payments posted (by payment date) and patient payments
received, denials resolved or written off (``resolved_at``), appeals sent (``sent_on``),
follow-up notes written.

Pending (as the claims stand now, aged to ``today``): claims built but not yet submitted
(draft, scrubbed, ready), open denials (open or in progress), claims submitted more than 30
days ago still waiting for an 835 (submitted, acknowledged, accepted: the follow-up rule's
30 days, app.claims.followup).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from bhbilling.app import models as m
from bhbilling.reports import scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["AWAITING_DAYS", "WorkItem", "work_summary"]

ZERO = Decimal("0.00")
AWAITING_DAYS = 30
UNSUBMITTED = ("draft", "scrubbed", "ready")
AWAITING = ("submitted", "acknowledged", "accepted")
OPEN_DENIALS = ("open", "in_progress")


@dataclass(frozen=True, slots=True)
class WorkItem:
    section: str  # "done" or "pending"
    key: str
    label: str
    count: int
    amount: Decimal | None  # dollars where the item has them


def _rows(f: ReportFilters) -> Q:
    """Rows of the filter's practices whose claim has the filter's payer/provider."""
    return Q(practice_id__in=f.practice_ids) & scope.claim_q(f, "claim__")


def _done(f: ReportFilters) -> list[WorkItem]:
    lo, hi = scope.day_range(f.start, f.end)
    submitted = (m.ClaimStateChange.unscoped.filter(_rows(f), to_state="submitted",
                                                    at__gte=lo, at__lt=hi)
                 .aggregate(n=Count("claim_id", distinct=True)))["n"]
    posted = scope.payments(f).aggregate(n=Count("id"), s=Sum("paid"))
    patient = (m.PatientPayment.unscoped.filter(_rows(f), kind="payment", received_on__gte=f.start,
                                                received_on__lte=f.end)
               .aggregate(n=Count("id"), s=Sum("amount")))
    denials = m.Denial.unscoped.filter(_rows(f), resolved_at__gte=lo, resolved_at__lt=hi)
    resolved = denials.aggregate(
        n=Count("id", filter=Q(status="resolved")), s=Sum("amount", filter=Q(status="resolved")),
        wn=Count("id", filter=Q(status="written_off")), ws=Sum("amount", filter=Q(status="written_off")))
    appeals = m.Appeal.unscoped.filter(_rows(f), sent_on__gte=f.start,
                                       sent_on__lte=f.end).count()
    notes = m.FollowUpNote.unscoped.filter(_rows(f), at__gte=lo, at__lt=hi).count()
    return [
        WorkItem("done", "claims_submitted", "Claims submitted", submitted, None),
        WorkItem("done", "payments_posted", "835 claim payments posted", posted["n"], posted["s"] or ZERO),
        WorkItem("done", "patient_payments", "Patient payments received", patient["n"], patient["s"] or ZERO),
        WorkItem("done", "denials_resolved", "Denials resolved", resolved["n"], resolved["s"] or ZERO),
        WorkItem("done", "denials_written_off", "Denials written off", resolved["wn"],
                 resolved["ws"] or ZERO),
        WorkItem("done", "appeals_sent", "Appeals sent", appeals, None),
        WorkItem("done", "follow_up_notes", "Follow-up notes on claims", notes, None),
    ]


def _pending(f: ReportFilters) -> list[WorkItem]:
    claims = scope.claims(f)
    unsubmitted = claims.filter(state__in=UNSUBMITTED).aggregate(n=Count("id"), s=Sum("total_charge"))
    cutoff = scope.day_range(f.today - dt.timedelta(days=AWAITING_DAYS), f.today)[0]
    waiting = (claims.filter(state__in=AWAITING).annotate(last_sub=Max(
        "history__at", filter=Q(history__to_state="submitted"))).filter(last_sub__lt=cutoff))
    waiting_row = waiting.aggregate(n=Count("id"), s=Sum("total_charge"))
    denials = m.Denial.unscoped.filter(_rows(f), status__in=OPEN_DENIALS).aggregate(
        n=Count("id"), s=Sum("amount"))
    return [
        WorkItem("pending", "claims_unsubmitted", "Claims not yet submitted (draft, scrubbed, ready)",
                 unsubmitted["n"], unsubmitted["s"] or ZERO),
        WorkItem("pending", "open_denials", "Open denials", denials["n"], denials["s"] or ZERO),
        WorkItem("pending", "awaiting_payment", f"Claims waiting for payment over {AWAITING_DAYS} days",
                 waiting_row["n"], waiting_row["s"] or ZERO),
    ]


def work_summary(f: ReportFilters) -> list[WorkItem]:
    return _done(f) + _pending(f)
